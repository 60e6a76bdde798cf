import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Iso, isos } from "../schema";
import { type PageRequest, pastCursor } from "./keyset";

/** What members may choose, by label; with `page`, the ones after its cursor only. */
export async function listEnabledIsos({ page }: { page?: PageRequest<string> } = {}): Promise<Iso[]> {
  const query = getDb()
    .select()
    .from(isos)
    .where(
      and(
        eq(isos.enabled, true),
        page?.after ? pastCursor("asc", isos.label, isos.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(isos.label), asc(isos.id));
  return page ? query.limit(page.limit) : query;
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
