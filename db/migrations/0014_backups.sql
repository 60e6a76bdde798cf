CREATE TYPE "public"."backup_frequency" AS ENUM('daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."backup_origin" AS ENUM('manual', 'schedule', 'safety');--> statement-breakpoint
CREATE TYPE "public"."backup_state" AS ENUM('running', 'done', 'failed', 'removed');--> statement-breakpoint
CREATE TABLE "backup_schedules" (
	"vm_id" uuid PRIMARY KEY NOT NULL,
	"storage_id" uuid NOT NULL,
	"mode" text DEFAULT 'snapshot' NOT NULL,
	"frequency" "backup_frequency" NOT NULL,
	"weekday" integer,
	"minute_of_day" integer NOT NULL,
	"keep_last" integer DEFAULT 3 NOT NULL,
	"keep_daily" integer DEFAULT 0 NOT NULL,
	"keep_weekly" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backup_storages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" text NOT NULL,
	"storage" text NOT NULL,
	"type" text NOT NULL,
	"label" text NOT NULL,
	"modes" text[] NOT NULL,
	"compress" text DEFAULT 'zstd' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vm_id" uuid NOT NULL,
	"owner_id" text NOT NULL,
	"cluster_id" text NOT NULL,
	"storage_id" uuid NOT NULL,
	"node" text NOT NULL,
	"vmid" integer NOT NULL,
	"volid" text,
	"cores" integer NOT NULL,
	"memory_mb" integer NOT NULL,
	"disk_gb" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"mode" text NOT NULL,
	"origin" "backup_origin" DEFAULT 'manual' NOT NULL,
	"state" "backup_state" DEFAULT 'running' NOT NULL,
	"progress" integer,
	"size_bytes" bigint NOT NULL,
	"protected" boolean DEFAULT false NOT NULL,
	"upid" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_backups" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "max_backup_gb" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_quotas" ADD COLUMN "max_backups" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_quotas" ADD COLUMN "max_backup_gb" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "backup_schedules" ADD CONSTRAINT "backup_schedules_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_schedules" ADD CONSTRAINT "backup_schedules_storage_id_backup_storages_id_fk" FOREIGN KEY ("storage_id") REFERENCES "public"."backup_storages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_storages" ADD CONSTRAINT "backup_storages_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_storage_id_backup_storages_id_fk" FOREIGN KEY ("storage_id") REFERENCES "public"."backup_storages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backup_storages_cluster_storage_idx" ON "backup_storages" USING btree ("cluster_id","storage");--> statement-breakpoint
CREATE INDEX "backups_vm_idx" ON "backups" USING btree ("vm_id","created_at");--> statement-breakpoint
CREATE INDEX "backups_owner_idx" ON "backups" USING btree ("owner_id") WHERE state in ('running', 'done');