import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

export interface MigrationStatus {
  applied: number;
  expected: number;
  /** Tags of the migrations this build ships that the database has not had yet. */
  pending: string[];
}

interface JournalEntry {
  tag: string;
  when: number;
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js answers with the rows; PGlite with an object holding them.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Compares the journal in the migrations folder with drizzle's record of what ran. Drizzle applies every
 * migration newer than the last one recorded, so those are the pending ones.
 */
export async function readMigrationStatus(db: Database, migrationsFolder: string): Promise<MigrationStatus> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  const [table] = rowsOf<{ name: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  const recorded = table?.name
    ? rowsOf<{ created_at: string | number | null }>(
        await db.execute(sql`select created_at from drizzle.__drizzle_migrations`),
      ).map((row) => Number(row.created_at))
    : [];
  const last = recorded.length ? Math.max(...recorded) : Number.NEGATIVE_INFINITY;
  return {
    applied: recorded.length,
    expected: journal.entries.length,
    pending: journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag),
  };
}
