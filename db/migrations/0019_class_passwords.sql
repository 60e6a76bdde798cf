ALTER TABLE "cohort_seats" ADD COLUMN "password_sealed" text;--> statement-breakpoint
ALTER TABLE "cohort_seats" ADD COLUMN "password_shown_at" timestamp with time zone;