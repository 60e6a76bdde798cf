import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { type DatabaseHandle, getDatabaseHandle } from "./client";

// Any constant works; it only has to be the same in every replica.
const MIGRATION_LOCK = 72_270_001;

export function migrationsFolder(): string {
  return process.env.ROOST_MIGRATIONS_DIR ?? path.resolve(process.cwd(), "db/migrations");
}

/** Applies the committed migrations; replicas starting together take turns through an advisory lock. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: migrationsFolder() };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
    return;
  }
  const connection = await handle.client.reserve();
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
  } finally {
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    connection.release();
  }
}

const state = globalThis as unknown as { roostMigrated?: Promise<void> };

/** Migrates the process's database once; later callers wait for the same run. */
export function ensureMigrated(): Promise<void> {
  state.roostMigrated ??= migrateDatabase(getDatabaseHandle()).catch((error: unknown) => {
    state.roostMigrated = undefined;
    throw error;
  });
  return state.roostMigrated;
}
