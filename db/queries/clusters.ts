import "server-only";
import { asc, count, eq, isNull, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type Cluster, clusters, type NewCluster, vms } from "../schema";

export async function listClusters(): Promise<Cluster[]> {
  return getDb().select().from(clusters).orderBy(asc(clusters.name));
}

export async function getClusterById(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<Cluster | null> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, id)).limit(1);
  return row ?? null;
}

/** Locks the row for the rest of the transaction; a VM inserted meanwhile waits for it. */
export async function lockCluster({ id }: { id: string }, db: Executor): Promise<Cluster | null> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, id)).for("update");
  return row ?? null;
}

/** When the cluster's settings last changed, to tell whether a cached client is stale. */
export async function getClusterUpdatedAt({ id }: { id: string }): Promise<Date | null> {
  const [row] = await getDb()
    .select({ updatedAt: clusters.updatedAt })
    .from(clusters)
    .where(eq(clusters.id, id))
    .limit(1);
  return row?.updatedAt ?? null;
}

/** Inserts the cluster, or brings the stored one with its id up to date. */
export async function upsertCluster({ id, ...row }: NewCluster & { id: string }): Promise<void> {
  await getDb()
    .insert(clusters)
    .values({ id, ...row })
    .onConflictDoUpdate({ target: clusters.id, set: row });
}

/** Inserts a cluster unless its id is taken; null when it is. */
export async function insertCluster(cluster: NewCluster): Promise<Cluster | null> {
  const [row] = await getDb().insert(clusters).values(cluster).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateCluster({
  id,
  ...changes
}: Partial<Omit<Cluster, "createdAt" | "updatedAt">> & { id: string }): Promise<Cluster | null> {
  const [row] = await getDb()
    .update(clusters)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(clusters.id, id))
    .returning();
  return row ?? null;
}

/** VM records on a cluster: live ones, and all of them including deleted VMs' history. */
export async function countVmsOnCluster(
  { clusterId }: { clusterId: string },
  db: Executor = getDb(),
): Promise<{ live: number; total: number }> {
  const [row] = await db
    .select({
      total: count(),
      live: sql<number>`count(*) filter (where ${isNull(vms.deletedAt)})`.mapWith(Number),
    })
    .from(vms)
    .where(eq(vms.clusterId, clusterId));
  return { live: row?.live ?? 0, total: row?.total ?? 0 };
}

export async function deleteCluster({ id }: { id: string }, db: Executor = getDb()): Promise<boolean> {
  const rows = await db.delete(clusters).where(eq(clusters.id, id)).returning({ id: clusters.id });
  return rows.length > 0;
}
