CREATE TABLE "idle_watches" (
	"vm_id" uuid PRIMARY KEY NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"cpu" double precision NOT NULL,
	"net_bytes" bigint NOT NULL,
	"uptime" integer NOT NULL,
	"quiet_since" timestamp with time zone,
	"policy" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idle_watches" ADD CONSTRAINT "idle_watches_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;