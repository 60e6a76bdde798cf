import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Iso, isos } from "../schema";

export async function listEnabledIsos(): Promise<Iso[]> {
  return getDb().select().from(isos).where(eq(isos.enabled, true)).orderBy(asc(isos.label));
}

export async function getEnabledIso({ id }: { id: string }): Promise<Iso | null> {
  const [row] = await getDb()
    .select()
    .from(isos)
    .where(and(eq(isos.id, id), eq(isos.enabled, true)))
    .limit(1);
  return row ?? null;
}

/** Enabled or not: a VM requested before an admin withdrew its ISO is still made. */
export async function getIsoById({ id }: { id: string }): Promise<Iso | null> {
  const [row] = await getDb().select().from(isos).where(eq(isos.id, id)).limit(1);
  return row ?? null;
}

export async function insertIsos(rows: (typeof isos.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await getDb().insert(isos).values(rows).onConflictDoNothing();
}
