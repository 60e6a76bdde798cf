import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, installDatabase, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

export interface TestDatabase {
  handle: DatabaseHandle;
  db: DatabaseHandle["db"];
  /** Closes the database and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the server that
 * DATABASE_URL names, so the same suite runs on both. It becomes the database product code sees.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = openDatabase({ dataDir: "memory" });
    await migrateDatabase(handle);
    installDatabase(handle);
    return { handle, db: handle.db, drop: () => handle.close() };
  }
  const name = `roost_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString() });
  await migrateDatabase(handle);
  installDatabase(handle);
  return {
    handle,
    db: handle.db,
    async drop() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
