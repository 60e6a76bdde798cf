import "server-only";
import { and, asc, count, eq, gt, isNull, ne, or } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type IpPool, ipAddresses, ipPools, type Network, type NewIpPool, networks } from "../schema";

export type PoolWithNetwork = IpPool & { network: Network };

export async function listPools(db: Executor = getDb()): Promise<PoolWithNetwork[]> {
  const rows = await db
    .select({ pool: ipPools, network: networks })
    .from(ipPools)
    .innerJoin(networks, eq(ipPools.networkId, networks.id))
    .orderBy(asc(ipPools.domain));
  return rows.map(({ pool, network }) => ({ ...pool, network }));
}

export async function getPool(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<PoolWithNetwork | null> {
  const [row] = await db
    .select({ pool: ipPools, network: networks })
    .from(ipPools)
    .innerJoin(networks, eq(ipPools.networkId, networks.id))
    .where(eq(ipPools.id, id))
    .limit(1);
  return row ? { ...row.pool, network: row.network } : null;
}

/** The network's pool, locked until the transaction ends: allocations on one pool take turns. */
export async function lockPoolOfNetwork(
  { networkId }: { networkId: string },
  tx: Executor,
): Promise<IpPool | null> {
  const [row] = await tx.select().from(ipPools).where(eq(ipPools.networkId, networkId)).for("update");
  return row ?? null;
}

export async function lockPool({ id }: { id: string }, tx: Executor): Promise<IpPool | null> {
  const [row] = await tx.select().from(ipPools).where(eq(ipPools.id, id)).for("update");
  return row ?? null;
}

/** Addresses in use or resting after release, per pool. */
export async function countPoolUsage({
  restingSince,
}: {
  restingSince: Date;
}): Promise<Map<string, { active: number; resting: number }>> {
  const rows = await getDb()
    .select({ poolId: ipAddresses.poolId, active: isNull(ipAddresses.releasedAt), n: count() })
    .from(ipAddresses)
    .where(or(isNull(ipAddresses.releasedAt), gt(ipAddresses.releasedAt, restingSince)))
    .groupBy(ipAddresses.poolId, isNull(ipAddresses.releasedAt));
  const usage = new Map<string, { active: number; resting: number }>();
  for (const row of rows) {
    const entry = usage.get(row.poolId) ?? { active: 0, resting: 0 };
    if (row.active) entry.active += Number(row.n);
    else entry.resting += Number(row.n);
    usage.set(row.poolId, entry);
  }
  return usage;
}

export async function insertPool(pool: NewIpPool, db: Executor = getDb()): Promise<IpPool> {
  const [row] = await db.insert(ipPools).values(pool).returning();
  return row!;
}

export async function updatePool(
  { id, ...changes }: Partial<NewIpPool> & { id: string },
  db: Executor = getDb(),
): Promise<IpPool | null> {
  const [row] = await db
    .update(ipPools)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(ipPools.id, id))
    .returning();
  return row ?? null;
}

export async function deletePool({ id }: { id: string }, db: Executor = getDb()): Promise<IpPool | null> {
  const [row] = await db.delete(ipPools).where(eq(ipPools.id, id)).returning();
  return row ?? null;
}

/** Another pool with this domain or on this network, if any; both are one pool each. */
export async function findPoolClash(
  { id, networkId, domain }: { id?: string; networkId: string; domain: string },
  db: Executor = getDb(),
): Promise<IpPool | null> {
  const [row] = await db
    .select()
    .from(ipPools)
    .where(
      and(
        id ? ne(ipPools.id, id) : undefined,
        or(eq(ipPools.networkId, networkId), eq(ipPools.domain, domain)),
      ),
    )
    .limit(1);
  return row ?? null;
}
