import { type Placeholder, type SQL, sql } from "drizzle-orm";

/** A PostgreSQL notification a write sends in its own statement (`pg_notify`), delivered as it commits. */
export interface Notice {
  channel: string;
  payload: string;
}

export const notifySql = ({
  channel,
  payload,
}: {
  channel: string | Placeholder;
  payload: string | Placeholder;
}): SQL => sql`pg_notify(${channel}, ${payload})`;
