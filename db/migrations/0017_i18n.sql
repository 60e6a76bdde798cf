ALTER TABLE "user" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "browser_locale" text;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "browser_time_zone" text;