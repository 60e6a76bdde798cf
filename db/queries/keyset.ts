import "server-only";
import { type Column, getTableName, type SQL, sql } from "drizzle-orm";

/** Where a page ended: the last row's id, and its sort value as the cursor could carry it. */
export interface KeysetCursor<V> {
  value: V;
  id: string | number;
}

/** One page of a list: start after `after` (null: the first page), at most `limit` rows. */
export interface PageRequest<V> {
  after: KeysetCursor<V> | null;
  limit: number;
}

/**
 * Rows strictly past the cursor in `(column, id)` order. The sort value is read from the cursor's row
 * itself, so the cursor's copy (a timestamp cut to milliseconds, a name lower-cased outside PostgreSQL)
 * only stands in when that row is gone.
 */
export function pastCursor<V extends string | Date>(
  direction: "asc" | "desc",
  column: Column | SQL,
  id: Column,
  cursor: KeysetCursor<V>,
): SQL {
  const operator = sql.raw(direction === "asc" ? ">" : "<");
  const table = sql.identifier(getTableName(id.table));
  const stored = sql`(select ${column} from ${table} where ${id} = ${cursor.id})`;
  const carried =
    cursor.value instanceof Date ? sql`${cursor.value.toISOString()}::timestamptz` : sql`${cursor.value}`;
  return sql`(${column}, ${id}) ${operator} (coalesce(${stored}, ${carried}), ${cursor.id})`;
}
