import "server-only";
import { and, count, eq, inArray, isNull, notInArray, type SQL, sql, sum } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import {
  backups,
  defaultBackupLimits,
  groups,
  projects,
  type Quota,
  type QuotaAccount,
  type QuotaInput,
  type Usage,
  userQuotas,
  users,
  vms,
} from "../schema";

const GIB = 1024 ** 3;

type QuotaRow = {
  maxVms: number;
  maxCores: number;
  maxMemoryMb: number;
  maxDiskGb: number;
  maxSnapshots: number;
  maxBackups: number;
  maxBackupGb: number;
};

function toQuota(row: QuotaRow): Quota {
  return {
    vms: row.maxVms,
    cores: row.maxCores,
    memoryMb: row.maxMemoryMb,
    diskGb: row.maxDiskGb,
    snapshots: row.maxSnapshots,
    backups: row.maxBackups,
    backupGb: row.maxBackupGb,
  };
}

export function quotaColumnsFrom(quota: QuotaInput): QuotaRow {
  return {
    maxVms: quota.vms,
    maxCores: quota.cores,
    maxMemoryMb: quota.memoryMb,
    maxDiskGb: quota.diskGb,
    maxSnapshots: quota.snapshots,
    maxBackups: quota.backups ?? defaultBackupLimits.backups,
    maxBackupGb: quota.backupGb ?? defaultBackupLimits.backupGb,
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

/** The project's own quota, or null when there is no such project. */
export async function getProjectQuota(
  { projectId }: { projectId: string },
  db: Executor = getDb(),
): Promise<Quota | null> {
  const [row] = await db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return row ? toQuota(row) : null;
}

/** A person's account holds their personal VMs and backups only; a project's holds its own. */
function heldBy(account: QuotaAccount): { vms: SQL; backups: SQL } {
  if (account.kind === "project")
    return { vms: eq(vms.projectId, account.id), backups: eq(backups.projectId, account.id) };
  return {
    vms: and(eq(vms.ownerId, account.id), isNull(vms.projectId))!,
    backups: and(eq(backups.ownerId, account.id), isNull(backups.projectId))!,
  };
}

/**
 * Everything allocated to the account's VMs, running or not; VMs that are gone count for nothing. Backups
 * count while they run (at their estimate) and while they are kept, the deleted VMs' ones included.
 */
export async function getUsage(account: QuotaAccount, db: Executor = getDb()): Promise<Usage> {
  const held = heldBy(account);
  // The backups' figures ride along as subqueries: one round trip for the whole account.
  const keptBackups = and(held.backups, inArray(backups.state, ["running", "done"]));
  const [row] = await db
    .select({
      vms: count(),
      cores: sum(vms.cores),
      memoryMb: sum(vms.memoryMb),
      diskGb: sum(vms.diskGb),
      snapshots: sum(vms.snapshotCount),
      backups: sql<string>`(select count(*) from ${backups} where ${keptBackups})`,
      backupBytes: sql<
        string | null
      >`(select sum(${backups.sizeBytes}) from ${backups} where ${keptBackups})`,
    })
    .from(vms)
    .where(and(held.vms, notInArray(vms.state, ["deleted", "missing", "failed"])));
  return {
    vms: Number(row?.vms ?? 0),
    cores: Number(row?.cores ?? 0),
    memoryMb: Number(row?.memoryMb ?? 0),
    diskGb: Number(row?.diskGb ?? 0),
    snapshots: Number(row?.snapshots ?? 0),
    backups: Number(row?.backups ?? 0),
    backupGb: Math.ceil(Number(row?.backupBytes ?? 0) / GIB),
  };
}

/**
 * Takes the account's row lock (the user's, or the project's): quota checks of one account run one at a
 * time, on every replica, whoever of the project's members asks.
 */
export async function lockAccountForQuota(account: QuotaAccount, tx: Executor): Promise<boolean> {
  const rows =
    account.kind === "project"
      ? await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, account.id)).for("update")
      : await tx.select({ id: users.id }).from(users).where(eq(users.id, account.id)).for("update");
  return rows.length === 1;
}
