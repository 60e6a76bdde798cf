import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Network, networks } from "../schema";
import { type PageRequest, pastCursor } from "./keyset";

/** What members may choose, by label; with `page`, the ones after its cursor only. */
export async function listEnabledNetworks({ page }: { page?: PageRequest<string> } = {}): Promise<Network[]> {
  const query = getDb()
    .select()
    .from(networks)
    .where(
      and(
        eq(networks.enabled, true),
        page?.after ? pastCursor("asc", networks.label, networks.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(networks.label), asc(networks.id));
  return page ? query.limit(page.limit) : query;
}

export async function getEnabledNetwork({ id }: { id: string }): Promise<Network | null> {
  const [row] = await getDb()
    .select()
    .from(networks)
    .where(and(eq(networks.id, id), eq(networks.enabled, true)))
    .limit(1);
  return row ?? null;
}

export async function getNetworkById({ id }: { id: string }): Promise<Network | null> {
  const [row] = await getDb().select().from(networks).where(eq(networks.id, id)).limit(1);
  return row ?? null;
}

export async function insertNetworks(rows: (typeof networks.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await getDb().insert(networks).values(rows).onConflictDoNothing();
}
