CREATE TABLE "ssh_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"label" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_quotas" (
	"user_id" text PRIMARY KEY NOT NULL,
	"max_vms" integer NOT NULL,
	"max_cores" integer NOT NULL,
	"max_memory_mb" integer NOT NULL,
	"max_disk_gb" integer NOT NULL,
	"max_snapshots" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vm_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vm_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vm_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_vms" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_cores" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_memory_mb" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_disk_gb" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_snapshots" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "snapshot_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ssh_keys" ADD CONSTRAINT "ssh_keys_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_quotas" ADD CONSTRAINT "user_quotas_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_events" ADD CONSTRAINT "vm_events_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_events" ADD CONSTRAINT "vm_events_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ssh_keys_user_fingerprint_idx" ON "ssh_keys" USING btree ("user_id","fingerprint");--> statement-breakpoint
CREATE INDEX "vm_events_vm_at_idx" ON "vm_events" USING btree ("vm_id","at");