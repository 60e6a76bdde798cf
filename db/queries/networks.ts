import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Network, networks } from "../schema";

export async function listEnabledNetworks(): Promise<Network[]> {
  return getDb().select().from(networks).where(eq(networks.enabled, true)).orderBy(asc(networks.label));
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
