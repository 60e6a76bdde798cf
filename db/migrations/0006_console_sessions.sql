ALTER TABLE "console_tickets" ADD COLUMN "pve_user" text;--> statement-breakpoint
ALTER TABLE "console_tickets" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "console_tickets" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "console_tickets" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "console_tickets" ADD COLUMN "bytes_to_browser" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "console_tickets" ADD COLUMN "bytes_to_vm" bigint DEFAULT 0 NOT NULL;