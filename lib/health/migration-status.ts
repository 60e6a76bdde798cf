import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { listAppliedMigrationTimes } from "@/db/queries/health";

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

/**
 * Compares the journal in the migrations folder with drizzle's record of what ran. Drizzle applies every
 * migration newer than the last one recorded, so those are the pending ones.
 */
export async function readMigrationStatus(db: Database, migrationsFolder: string): Promise<MigrationStatus> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  const recorded = await listAppliedMigrationTimes(db);
  const last = recorded.length ? Math.max(...recorded) : Number.NEGATIVE_INFINITY;
  return {
    applied: recorded.length,
    expected: journal.entries.length,
    pending: journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag),
  };
}
