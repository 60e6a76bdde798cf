import "server-only";
import {
  and,
  asc,
  count,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import { type Database, type Executor, getDb } from "../client";
import { type NewVm, users, type Vm, type VmState, vms } from "../schema";
import { type KeysetCursor, pastCursor } from "./keyset";
import { type Notice, notifySql } from "./notify";
import { preparedPer } from "./prepared";
import { userLabel } from "./users";

/** The VM if this user owns it; null for anyone else's, so callers answer "not found" either way. */
export async function getVmForOwner({ id, ownerId }: { id: string; ownerId: string }): Promise<Vm | null> {
  const [vm] = await getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.id, id), eq(vms.ownerId, ownerId)))
    .limit(1);
  return vm ?? null;
}

export async function getVmById({ id }: { id: string }): Promise<Vm | null> {
  const [vm] = await getDb().select().from(vms).where(eq(vms.id, id)).limit(1);
  return vm ?? null;
}

export async function listVmsForOwner({
  ownerId,
  includeDeleted = false,
}: {
  ownerId: string;
  includeDeleted?: boolean;
}): Promise<Vm[]> {
  return getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.ownerId, ownerId), includeDeleted ? undefined : ne(vms.state, "deleted")))
    .orderBy(asc(vms.name));
}

export async function listVmsInState({ state }: { state: VmState }): Promise<Vm[]> {
  return getDb().select().from(vms).where(eq(vms.state, state));
}

/** A live VM of this owner with this name, if any: names are unique among an owner's VMs. */
/** A live VM of this name among the person's personal VMs, or, given a project, among the project's. */
export async function findLiveVmByName(
  { ownerId, projectId = null, name }: { ownerId: string; projectId?: string | null; name: string },
  db: Executor = getDb(),
): Promise<Vm | null> {
  const among = projectId
    ? eq(vms.projectId, projectId)
    : and(eq(vms.ownerId, ownerId), isNull(vms.projectId));
  const [row] = await db
    .select()
    .from(vms)
    .where(and(among, eq(vms.name, name), isNull(vms.deletedAt)))
    .limit(1);
  return row && !["failed", "deleted"].includes(row.state) ? row : null;
}

/** The live record of this Proxmox VM, if the portal has one. */
export async function findLiveVmByVmid({
  clusterId,
  vmid,
}: {
  clusterId: string;
  vmid: number;
}): Promise<Vm | null> {
  const [row] = await getDb()
    .select()
    .from(vms)
    .where(and(eq(vms.clusterId, clusterId), eq(vms.vmid, vmid), isNull(vms.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** The VM ids in [from, below) that live records of the portal hold on the cluster (its unique index's keys). */
export async function listRecordedVmids({
  clusterId,
  from,
  below,
}: {
  clusterId: string;
  from: number;
  below: number;
}): Promise<Set<number>> {
  const rows = await getDb()
    .select({ vmid: vms.vmid })
    .from(vms)
    .where(
      and(eq(vms.clusterId, clusterId), gte(vms.vmid, from), lt(vms.vmid, below), isNull(vms.deletedAt)),
    );
  return new Set(rows.map((row) => row.vmid).filter((vmid) => vmid !== null));
}

/** Which Proxmox VMs the portal records, as cluster and VMID of every live record. */
export async function listLiveVmKeys(): Promise<{ clusterId: string; vmid: number | null }[]> {
  return getDb().select({ clusterId: vms.clusterId, vmid: vms.vmid }).from(vms).where(isNull(vms.deletedAt));
}

/** The records reconciliation compares with the clusters: placed on Proxmox and not on their way in or out. */
export async function listReconcilableVms(): Promise<Vm[]> {
  return getDb()
    .select()
    .from(vms)
    .where(
      and(
        isNull(vms.deletedAt),
        isNotNull(vms.vmid),
        notInArray(vms.state, ["provisioning", "failed", "deleted", "deleting"]),
      ),
    );
}

export async function insertVm(vm: NewVm, db: Executor = getDb()): Promise<Vm> {
  const [row] = await db.insert(vms).values(vm).returning();
  return row!;
}

export async function updateVm(
  { id, ...changes }: Partial<Vm> & { id: string },
  db: Executor = getDb(),
): Promise<Vm | null> {
  const [row] = await db
    .update(vms)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(vms.id, id))
    .returning();
  return row ?? null;
}

/**
 * What a VM being made is doing now, for its page; nothing read back. With `notify`, the same statement
 * sends a PostgreSQL notification once the line is written (one round trip, not two).
 */
export async function setVmProgress(
  { id, stateDetail, progress }: { id: string; stateDetail: string; progress: number | null },
  { notify, db = getDb() }: { notify?: Notice; db?: Database } = {},
): Promise<void> {
  const line = { id, stateDetail, progress, now: new Date().toISOString() };
  if (notify) await progressAndNotice(db).execute({ ...line, ...notify });
  else await progressOnly(db).execute(line);
}

const progressChange = {
  stateDetail: sql`${sql.placeholder("stateDetail")}`,
  progress: sql`${sql.placeholder("progress")}`,
  updatedAt: sql`${sql.placeholder("now")}::timestamptz`,
};

const progressOnly = preparedPer((db) =>
  db
    .update(vms)
    .set(progressChange)
    .where(eq(vms.id, sql.placeholder("id")))
    .prepare("vm_progress"),
);

const progressAndNotice = preparedPer((db) => {
  const changed = db.$with("changed").as(
    db
      .update(vms)
      .set(progressChange)
      .where(eq(vms.id, sql.placeholder("id")))
      .returning({ id: vms.id }),
  );
  return db
    .with(changed)
    .select({ sent: notifySql({ channel: sql.placeholder("channel"), payload: sql.placeholder("payload") }) })
    .from(changed)
    .prepare("vm_progress_notice");
});

/** Gives the VM to a person (personal, no project) or to a project (its maker stays its owner). */
export async function setVmOwner(
  { id, ownerId, projectId = null }: { id: string; ownerId: string; projectId?: string | null },
  db: Executor = getDb(),
): Promise<void> {
  await db.update(vms).set({ ownerId, projectId, updatedAt: new Date() }).where(eq(vms.id, id));
}

export async function incrementSnapshotCount({ id }: { id: string }, db: Executor = getDb()): Promise<void> {
  await db
    .update(vms)
    .set({ snapshotCount: sql`${vms.snapshotCount} + 1` })
    .where(eq(vms.id, id));
}

/**
 * Records the VM's baseline snapshot and counts it among the VM's snapshots, once: a second call (a run
 * resumed after the first recorded it) changes nothing and answers false.
 */
export async function setBaselineSnapshot(
  { id, name }: { id: string; name: string },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(vms)
    .set({ baselineSnapshot: name, snapshotCount: sql`${vms.snapshotCount} + 1`, updatedAt: new Date() })
    .where(and(eq(vms.id, id), isNull(vms.baselineSnapshot)))
    .returning({ id: vms.id });
  return rows.length > 0;
}

export async function decrementSnapshotCount({ id }: { id: string }, db: Executor = getDb()): Promise<void> {
  await db
    .update(vms)
    .set({ snapshotCount: sql`greatest(${vms.snapshotCount} - 1, 0)` })
    .where(eq(vms.id, id));
}

export interface AdminVmFilter {
  owner?: string;
  state?: VmState;
  node?: string;
  clusterId?: string;
  /** Leases ending within this many days (or already ended). */
  leaseWithinDays?: number;
  /** The (name, id) the previous page ended at. */
  after?: KeysetCursor<string> | null;
  limit?: number;
}

export interface AdminVmRow {
  vm: Vm;
  owner: { id: string; label: string; email: string | null };
}

/** Every live VM the portal records, for admins, filtered; deleted ones are left out. */
export async function listAllVms(filter: AdminVmFilter = {}, now = new Date()): Promise<AdminVmRow[]> {
  const owner = filter.owner?.replace(/[\\%_]/g, "\\$&");
  const rows = await getDb()
    .select({ vm: vms, owner: { id: users.id, label: userLabel, email: users.email } })
    .from(vms)
    .innerJoin(users, eq(users.id, vms.ownerId))
    .where(
      and(
        isNull(vms.deletedAt),
        owner
          ? or(
              ilike(users.name, `%${owner}%`),
              ilike(users.username, `%${owner}%`),
              ilike(users.email, `%${owner}%`),
            )
          : undefined,
        filter.state ? eq(vms.state, filter.state) : undefined,
        filter.node ? eq(vms.node, filter.node) : undefined,
        filter.clusterId ? eq(vms.clusterId, filter.clusterId) : undefined,
        filter.leaseWithinDays !== undefined
          ? and(
              eq(vms.leaseExempt, false),
              lte(vms.leaseExpiresAt, new Date(now.getTime() + filter.leaseWithinDays * 86_400_000)),
            )
          : undefined,
        filter.after ? pastCursor("asc", vms.name, vms.id, filter.after) : undefined,
      ),
    )
    .orderBy(asc(vms.name), asc(vms.id))
    .limit(filter.limit ?? 500);
  return rows;
}

export async function countVmsByState(): Promise<Partial<Record<VmState, number>>> {
  const rows = await getDb()
    .select({ state: vms.state, vms: count() })
    .from(vms)
    .where(isNull(vms.deletedAt))
    .groupBy(vms.state);
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.vms)]));
}

/** What portal VMs hold per cluster: cores, memory and disk of every live record. */
export async function portalUsageByCluster(): Promise<
  Map<string, { vms: number; cores: number; memoryMb: number; diskGb: number }>
> {
  const rows = await getDb()
    .select({
      clusterId: vms.clusterId,
      vms: count(),
      cores: sql<number>`coalesce(sum(${vms.cores}), 0)`,
      memoryMb: sql<number>`coalesce(sum(${vms.memoryMb}), 0)`,
      diskGb: sql<number>`coalesce(sum(${vms.diskGb}), 0)`,
    })
    .from(vms)
    .where(isNull(vms.deletedAt))
    .groupBy(vms.clusterId);
  return new Map(
    rows.map((row) => [
      row.clusterId,
      {
        vms: Number(row.vms),
        cores: Number(row.cores),
        memoryMb: Number(row.memoryMb),
        diskGb: Number(row.diskGb),
      },
    ]),
  );
}

/** The relay carried a console of these VMs at `now` (never moving the time back). */
export async function noteConsoleUse({ vmIds, now }: { vmIds: string[]; now: Date }): Promise<void> {
  if (vmIds.length === 0) return;
  await getDb()
    .update(vms)
    .set({ lastConsoleAt: now })
    .where(and(inArray(vms.id, vmIds), or(isNull(vms.lastConsoleAt), lt(vms.lastConsoleAt, now))));
}
