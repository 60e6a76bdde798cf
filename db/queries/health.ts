import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "../client";

function rowsOf<T>(result: unknown): T[] {
  // postgres.js answers with the rows; PGlite with an object holding them.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function pingDatabase(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The creation times of the migrations drizzle recorded as applied; none before its first run. */
export async function listAppliedMigrationTimes(db: Executor): Promise<number[]> {
  const [table] = rowsOf<{ name: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`),
  );
  if (!table?.name) return [];
  return rowsOf<{ created_at: string | number | null }>(
    await db.execute(sql`select created_at from drizzle.__drizzle_migrations`),
  ).map((row) => Number(row.created_at));
}
