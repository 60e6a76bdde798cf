import "server-only";
import { and, desc, eq, gt, isNull, max, or } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type IpAddress, type IpPool, ipAddresses, ipPools, users, vms } from "../schema";

/** Addresses nobody may get now: given out, or released too recently. */
export async function listBusyAddresses(
  { poolId, restingSince }: { poolId: string; restingSince: Date },
  db: Executor = getDb(),
): Promise<string[]> {
  const rows = await db
    .select({ address: ipAddresses.address })
    .from(ipAddresses)
    .where(
      and(
        eq(ipAddresses.poolId, poolId),
        or(isNull(ipAddresses.releasedAt), gt(ipAddresses.releasedAt, restingSince)),
      ),
    );
  return rows.map((row) => row.address);
}

export async function listActiveAddresses({ poolId }: { poolId: string }, db: Executor = getDb()) {
  return db
    .select()
    .from(ipAddresses)
    .where(and(eq(ipAddresses.poolId, poolId), isNull(ipAddresses.releasedAt)));
}

export async function findActiveHostname(
  { poolId, hostname }: { poolId: string; hostname: string },
  db: Executor = getDb(),
): Promise<IpAddress | null> {
  const [row] = await db
    .select()
    .from(ipAddresses)
    .where(
      and(eq(ipAddresses.poolId, poolId), eq(ipAddresses.hostname, hostname), isNull(ipAddresses.releasedAt)),
    )
    .limit(1);
  return row ?? null;
}

export async function insertAddress(
  row: typeof ipAddresses.$inferInsert,
  db: Executor = getDb(),
): Promise<IpAddress> {
  const [inserted] = await db.insert(ipAddresses).values(row).returning();
  return inserted!;
}

/** Marks the VM's addresses released; the rows stay, so the address rests before it is given again. */
export async function releaseAddressesOfVm(
  { vmId, at = new Date() }: { vmId: string; at?: Date },
  db: Executor = getDb(),
): Promise<IpAddress[]> {
  return db
    .update(ipAddresses)
    .set({ releasedAt: at })
    .where(and(eq(ipAddresses.vmId, vmId), isNull(ipAddresses.releasedAt)))
    .returning();
}

export async function getActiveAddressOfVm(
  { vmId }: { vmId: string },
  db: Executor = getDb(),
): Promise<{ lease: IpAddress; pool: IpPool } | null> {
  const [row] = await db
    .select({ lease: ipAddresses, pool: ipPools })
    .from(ipAddresses)
    .innerJoin(ipPools, eq(ipAddresses.poolId, ipPools.id))
    .where(and(eq(ipAddresses.vmId, vmId), isNull(ipAddresses.releasedAt)))
    .limit(1);
  return row ?? null;
}

/** Every address a pool has given, newest first, with the VM and its owner. */
export async function listAddressesOfPool({ poolId }: { poolId: string }) {
  return getDb()
    .select({
      lease: ipAddresses,
      vm: { id: vms.id, name: vms.name, state: vms.state, macAddress: vms.macAddress },
      owner: { username: users.username, name: users.name },
    })
    .from(ipAddresses)
    .leftJoin(vms, eq(ipAddresses.vmId, vms.id))
    .leftJoin(users, eq(vms.ownerId, users.id))
    .where(eq(ipAddresses.poolId, poolId))
    .orderBy(isNull(ipAddresses.releasedAt), desc(ipAddresses.allocatedAt));
}

/** The addresses in use now, with what DHCP and DNS need: the pool and the VM's MAC. */
export async function listActiveAddressesForExport() {
  return getDb()
    .select({
      poolId: ipAddresses.poolId,
      address: ipAddresses.address,
      hostname: ipAddresses.hostname,
      allocatedAt: ipAddresses.allocatedAt,
      macAddress: vms.macAddress,
    })
    .from(ipAddresses)
    .leftJoin(vms, eq(ipAddresses.vmId, vms.id))
    .where(isNull(ipAddresses.releasedAt));
}

/** When each pool's addresses last changed: a zone's serial follows it. */
export async function listAddressChangeTimes(): Promise<Map<string, Date>> {
  const rows = await getDb()
    .select({
      poolId: ipAddresses.poolId,
      allocated: max(ipAddresses.allocatedAt),
      released: max(ipAddresses.releasedAt),
    })
    .from(ipAddresses)
    .groupBy(ipAddresses.poolId);
  return new Map(
    rows.map((row) => [
      row.poolId,
      new Date(
        Math.max(...[row.allocated, row.released].map((time) => (time ? new Date(time).getTime() : 0))),
      ),
    ]),
  );
}
