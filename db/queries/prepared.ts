import type { Database } from "../client";

/**
 * A statement built once per database and then only executed, for the few the portal runs most (every
 * job step, every progress line): building a drizzle query costs about as much as sending it.
 */
export function preparedPer<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    const statement = built.get(db) ?? build(db);
    built.set(db, statement);
    return statement;
  };
}
