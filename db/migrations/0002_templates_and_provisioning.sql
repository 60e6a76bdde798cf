CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" text NOT NULL,
	"node" text NOT NULL,
	"vmid" integer NOT NULL,
	"label" text NOT NULL,
	"os" text NOT NULL,
	"default_user" text NOT NULL,
	"min_disk_gb" integer NOT NULL,
	"clone_mode" text DEFAULT 'full' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "template_id" uuid;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "state_detail" text;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "progress" integer;--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "ip_address" text;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "templates_cluster_vmid_idx" ON "templates" USING btree ("cluster_id","vmid");--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE set null ON UPDATE no action;