CREATE TABLE "isos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" text NOT NULL,
	"volid" text NOT NULL,
	"label" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" text NOT NULL,
	"bridge" text NOT NULL,
	"vlan" integer,
	"label" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "iso_id" uuid;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "network_id" uuid;--> statement-breakpoint
ALTER TABLE "isos" ADD CONSTRAINT "isos_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "isos_cluster_volid_idx" ON "isos" USING btree ("cluster_id","volid");--> statement-breakpoint
CREATE UNIQUE INDEX "networks_cluster_bridge_vlan_idx" ON "networks" USING btree ("cluster_id","bridge","vlan");--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_iso_id_isos_id_fk" FOREIGN KEY ("iso_id") REFERENCES "public"."isos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE set null ON UPDATE no action;