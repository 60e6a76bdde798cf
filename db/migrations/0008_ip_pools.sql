CREATE TABLE "ip_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool_id" uuid NOT NULL,
	"address" text NOT NULL,
	"hostname" text NOT NULL,
	"vm_id" uuid,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ip_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"cidr" text NOT NULL,
	"gateway" text,
	"range_start" text NOT NULL,
	"range_end" text NOT NULL,
	"dns_servers" text[] DEFAULT '{}' NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ip_pools_network_id_unique" UNIQUE("network_id"),
	CONSTRAINT "ip_pools_domain_unique" UNIQUE("domain")
);
--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "mac_address" text;--> statement-breakpoint
ALTER TABLE "ip_addresses" ADD CONSTRAINT "ip_addresses_pool_id_ip_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."ip_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_addresses" ADD CONSTRAINT "ip_addresses_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_pools" ADD CONSTRAINT "ip_pools_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ip_addresses_pool_address_active_idx" ON "ip_addresses" USING btree ("pool_id","address") WHERE released_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ip_addresses_pool_hostname_active_idx" ON "ip_addresses" USING btree ("pool_id","hostname") WHERE released_at is null;--> statement-breakpoint
CREATE INDEX "ip_addresses_vm_idx" ON "ip_addresses" USING btree ("vm_id");