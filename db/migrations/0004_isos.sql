CREATE TABLE "isos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cluster_id" text NOT NULL,
	"volid" text NOT NULL,
	"label" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vms" ADD COLUMN "iso_id" uuid;--> statement-breakpoint
ALTER TABLE "isos" ADD CONSTRAINT "isos_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "isos_cluster_volid_idx" ON "isos" USING btree ("cluster_id","volid");--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_iso_id_isos_id_fk" FOREIGN KEY ("iso_id") REFERENCES "public"."isos"("id") ON DELETE set null ON UPDATE no action;