CREATE TYPE "public"."approval_kind" AS ENUM('vm', 'quota');--> statement-breakpoint
CREATE TYPE "public"."approval_state" AS ENUM('pending', 'approved', 'denied', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."project_member_source" AS ENUM('manual', 'group');--> statement-breakpoint
CREATE TYPE "public"."project_role" AS ENUM('owner', 'operator', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."share_role" AS ENUM('operator', 'viewer');--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "approval_kind" NOT NULL,
	"requester_id" text NOT NULL,
	"project_id" uuid,
	"payload" jsonb NOT NULL,
	"reason" text NOT NULL,
	"state" "approval_state" DEFAULT 'pending' NOT NULL,
	"approvals_required" integer DEFAULT 1 NOT NULL,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"vm_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" "project_role" NOT NULL,
	"source" "project_member_source" DEFAULT 'manual' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"idp_group" text,
	"group_role" "project_role" DEFAULT 'operator' NOT NULL,
	"max_vms" integer NOT NULL,
	"max_cores" integer NOT NULL,
	"max_memory_mb" integer NOT NULL,
	"max_disk_gb" integer NOT NULL,
	"max_snapshots" integer NOT NULL,
	"max_backups" integer DEFAULT 10 NOT NULL,
	"max_backup_gb" integer DEFAULT 100 NOT NULL,
	"lease_length_days" integer,
	"lease_max_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "projects_name_unique" UNIQUE("name"),
	CONSTRAINT "projects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "vm_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vm_id" uuid NOT NULL,
	"user_id" text,
	"invite_email" text,
	"role" "share_role" NOT NULL,
	"expires_at" timestamp with time zone,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "vm_shares_person" CHECK (user_id is not null or invite_email is not null)
);
--> statement-breakpoint
ALTER TABLE "backups" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requester_id_user_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_shares" ADD CONSTRAINT "vm_shares_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_shares" ADD CONSTRAINT "vm_shares_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_shares" ADD CONSTRAINT "vm_shares_created_by_id_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_requests_pending_idx" ON "approval_requests" USING btree ("created_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "approval_requests_requester_idx" ON "approval_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "vm_shares_user_idx" ON "vm_shares" USING btree ("user_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "vm_shares_invite_idx" ON "vm_shares" USING btree ("invite_email") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vm_shares_vm_user_live_idx" ON "vm_shares" USING btree ("vm_id","user_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vm_shares_vm_invite_live_idx" ON "vm_shares" USING btree ("vm_id","invite_email") WHERE revoked_at is null;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backups_project_idx" ON "backups" USING btree ("project_id") WHERE state in ('running', 'done');--> statement-breakpoint
CREATE INDEX "vms_project_idx" ON "vms" USING btree ("project_id") WHERE project_id is not null;