CREATE TABLE "storage_clone_slots" (
	"storage_key" text NOT NULL,
	"slot" integer NOT NULL,
	"token" text NOT NULL,
	"renewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "storage_clone_slots_storage_key_slot_pk" PRIMARY KEY("storage_key","slot")
);
