import "server-only";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { getDb } from "../client";
import { type Iso, isos, type Network, networks, type Template, templates, vms } from "../schema";

export async function listAllTemplates(): Promise<Template[]> {
  return getDb().select().from(templates).orderBy(asc(templates.label));
}

export async function listAllIsos(): Promise<Iso[]> {
  return getDb().select().from(isos).orderBy(asc(isos.label));
}

export async function listAllNetworks(): Promise<Network[]> {
  return getDb().select().from(networks).orderBy(asc(networks.label));
}

const tables = { template: templates, iso: isos, network: networks } as const;

/** Offers an approved item to members, or withdraws it; VMs already made from it are not touched. */
export async function setCatalogItemEnabled({
  kind,
  id,
  enabled,
}: {
  kind: keyof typeof tables;
  id: string;
  enabled: boolean;
}): Promise<{ label: string } | null> {
  const table = tables[kind];
  const [row] = await getDb()
    .update(table)
    .set({ enabled })
    .where(eq(table.id, id))
    .returning({ label: table.label });
  return row ?? null;
}

export async function insertTemplate(row: typeof templates.$inferInsert): Promise<Template | null> {
  const [inserted] = await getDb().insert(templates).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function insertIso(row: typeof isos.$inferInsert): Promise<Iso | null> {
  const [inserted] = await getDb().insert(isos).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function insertNetwork(row: typeof networks.$inferInsert): Promise<Network | null> {
  const [inserted] = await getDb().insert(networks).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Live portal VMs per node of a cluster, for per-node caps. */
export async function countPortalVmsByNode({
  clusterId,
}: {
  clusterId: string;
}): Promise<Map<string, number>> {
  const rows = await getDb()
    .select({ node: vms.node, vms: count() })
    .from(vms)
    .where(and(eq(vms.clusterId, clusterId), isNull(vms.deletedAt)))
    .groupBy(vms.node);
  return new Map(rows.filter((row) => row.node).map((row) => [row.node!, Number(row.vms)]));
}
