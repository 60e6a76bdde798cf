-- Runs once, when the PostgreSQL volume is first created: Inngest keeps its state beside Roost's database.
CREATE DATABASE inngest OWNER roost;
