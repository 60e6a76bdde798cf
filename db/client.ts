import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle =
  | { driver: "postgres"; db: Database; client: postgres.Sql; close(): Promise<void> }
  | { driver: "pglite"; db: Database; client: PGlite; close(): Promise<void> };

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, PGlite runs in-process. */
  url?: string;
  /** PGlite's data folder, or "memory" for a throwaway database. */
  dataDir?: string;
}

export function openDatabase({ url, dataDir = ".data" }: DatabaseOptions): DatabaseHandle {
  if (url) {
    const client = postgres(url, { max: 10, onnotice: () => {} });
    return {
      driver: "postgres",
      client,
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      close: () => client.end({ timeout: 5 }),
    };
  }
  let client: PGlite;
  if (dataDir === "memory") {
    client = new PGlite();
  } else {
    const folder = path.resolve(dataDir, "pglite");
    mkdirSync(folder, { recursive: true });
    client = new PGlite(folder);
  }
  return {
    driver: "pglite",
    client,
    db: drizzlePglite(client, { schema }) as unknown as Database,
    close: () => client.close(),
  };
}

// Cached on globalThis so hot reload, and the several bundles of one Next process, share one database.
const holder = globalThis as unknown as { roostDatabase?: DatabaseHandle };

export function getDatabaseHandle(): DatabaseHandle {
  holder.roostDatabase ??= openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: process.env.ROOST_DATA_DIR || ".data",
  });
  return holder.roostDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Replaces the process's database; tests use it to run the product's code on their own database. */
export function installDatabase(handle: DatabaseHandle | undefined): void {
  holder.roostDatabase = handle;
}

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A query runs on the database or inside a transaction. */
export type Executor = Database | Transaction;
