import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe(`migrations (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("create every table from an empty database", async () => {
    const result: unknown = await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    // postgres.js answers with the rows; PGlite with an object holding them.
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      table_name: string;
    }[];
    const tables = rows.map((row) => row.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "user",
        "account",
        "session",
        "verificationToken",
        "groups",
        "settings",
        "clusters",
        "vms",
        "audit_events",
        "jobs",
        "job_steps",
        "cron_schedules",
      ]),
    );
    expect(tables).not.toContain("authenticator");
  });

  it("apply again without error or change", async () => {
    await expect(migrateDatabase(database.handle)).resolves.toBeUndefined();
  });
});
