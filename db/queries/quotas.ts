import "server-only";
import { and, count, eq, inArray, notInArray, sum } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { groups, type Quota, type Usage, userQuotas, users, vms } from "../schema";

type QuotaRow = {
  maxVms: number;
  maxCores: number;
  maxMemoryMb: number;
  maxDiskGb: number;
  maxSnapshots: number;
};

function toQuota(row: QuotaRow): Quota {
  return {
    vms: row.maxVms,
    cores: row.maxCores,
    memoryMb: row.maxMemoryMb,
    diskGb: row.maxDiskGb,
    snapshots: row.maxSnapshots,
  };
}

export function quotaColumnsFrom(quota: Quota): QuotaRow {
  return {
    maxVms: quota.vms,
    maxCores: quota.cores,
    maxMemoryMb: quota.memoryMb,
    maxDiskGb: quota.diskGb,
    maxSnapshots: quota.snapshots,
  };
}

export async function getQuotaOverride(
  { userId }: { userId: string },
  db: Executor = getDb(),
): Promise<Quota | null> {
  const [row] = await db.select().from(userQuotas).where(eq(userQuotas.userId, userId)).limit(1);
  return row ? toQuota(row) : null;
}

/** The quota policies of the groups this user belongs to, as the identity provider last said. */
export async function listGroupQuotasForUser(
  { userId }: { userId: string },
  db: Executor = getDb(),
): Promise<Quota[]> {
  const [user] = await db.select({ groups: users.groups }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.groups.length === 0) return [];
  const rows = await db.select().from(groups).where(inArray(groups.name, user.groups));
  return rows.map(toQuota);
}

/** Everything allocated to the user's VMs, running or not; VMs that are gone count for nothing. */
export async function getUsage({ userId }: { userId: string }, db: Executor = getDb()): Promise<Usage> {
  const [row] = await db
    .select({
      vms: count(),
      cores: sum(vms.cores),
      memoryMb: sum(vms.memoryMb),
      diskGb: sum(vms.diskGb),
      snapshots: sum(vms.snapshotCount),
    })
    .from(vms)
    .where(and(eq(vms.ownerId, userId), notInArray(vms.state, ["deleted", "missing", "failed"])));
  return {
    vms: Number(row?.vms ?? 0),
    cores: Number(row?.cores ?? 0),
    memoryMb: Number(row?.memoryMb ?? 0),
    diskGb: Number(row?.diskGb ?? 0),
    snapshots: Number(row?.snapshots ?? 0),
  };
}

/** Takes the user's row lock: quota checks of one user run one at a time, on every replica. */
export async function lockUserForQuota({ userId }: { userId: string }, tx: Executor): Promise<boolean> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  return rows.length === 1;
}
