CREATE TYPE "public"."cohort_ownership" AS ENUM('student', 'project');--> statement-breakpoint
CREATE TYPE "public"."cohort_seat_state" AS ENUM('waiting', 'queued', 'provisioning', 'ready', 'failed', 'removed');--> statement-breakpoint
CREATE TABLE "cohort_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"user_id" text,
	"invite_email" text,
	"source" text NOT NULL,
	"state" "cohort_seat_state" DEFAULT 'queued' NOT NULL,
	"vm_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "cohort_seats_person" CHECK (user_id is not null or invite_email is not null)
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"teacher_id" text NOT NULL,
	"project_id" uuid,
	"ownership" "cohort_ownership" DEFAULT 'student' NOT NULL,
	"template_id" uuid NOT NULL,
	"cores" integer NOT NULL,
	"memory_mb" integer NOT NULL,
	"disk_gb" integer NOT NULL,
	"roster_group" text,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"idle_stop" jsonb,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_name_unique" UNIQUE("name"),
	CONSTRAINT "cohorts_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "power_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid,
	"project_id" uuid,
	"vm_id" uuid,
	"time_zone" text NOT NULL,
	"slots" jsonb NOT NULL,
	"allow_outside" boolean DEFAULT true NOT NULL,
	"last_edge_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "power_schedules_one_target" CHECK (num_nonnulls(cohort_id, project_id, vm_id) = 1)
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "idle_stop" jsonb;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "cohort_id" uuid;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "baseline_snapshot" text;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "last_console_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cohort_seats" ADD CONSTRAINT "cohort_seats_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_seats" ADD CONSTRAINT "cohort_seats_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_seats" ADD CONSTRAINT "cohort_seats_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_teacher_id_user_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_schedules" ADD CONSTRAINT "power_schedules_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_schedules" ADD CONSTRAINT "power_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_schedules" ADD CONSTRAINT "power_schedules_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_seats_user_idx" ON "cohort_seats" USING btree ("cohort_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_seats_invite_idx" ON "cohort_seats" USING btree ("cohort_id","invite_email");--> statement-breakpoint
CREATE INDEX "cohort_seats_state_idx" ON "cohort_seats" USING btree ("cohort_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "power_schedules_cohort_idx" ON "power_schedules" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "power_schedules_project_idx" ON "power_schedules" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "power_schedules_vm_idx" ON "power_schedules" USING btree ("vm_id");