import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import {
  type Backup,
  type BackupSchedule,
  type BackupState,
  type BackupStorage,
  backupSchedules,
  backupStorages,
  backups,
  type NewBackup,
  type NewBackupSchedule,
  type NewBackupStorage,
  projectMembers,
  projects,
  users,
  vmShares,
  vms,
} from "../schema";
import { userLabel } from "./users";
import { liveShare, type VmStanding, visibleToPerson } from "./vm-access";

export async function listBackupStorages({
  clusterId,
  enabledOnly = false,
}: {
  clusterId?: string;
  enabledOnly?: boolean;
} = {}): Promise<BackupStorage[]> {
  return getDb()
    .select()
    .from(backupStorages)
    .where(
      and(
        clusterId ? eq(backupStorages.clusterId, clusterId) : undefined,
        enabledOnly ? eq(backupStorages.enabled, true) : undefined,
      ),
    )
    .orderBy(asc(backupStorages.clusterId), asc(backupStorages.label));
}

export async function getBackupStorage({ id }: { id: string }): Promise<BackupStorage | null> {
  const [row] = await getDb().select().from(backupStorages).where(eq(backupStorages.id, id)).limit(1);
  return row ?? null;
}

/** Approves a storage, or changes an approved one's label, modes, compression and state. */
export async function saveBackupStorage(storage: NewBackupStorage): Promise<BackupStorage> {
  const [row] = await getDb()
    .insert(backupStorages)
    .values(storage)
    .onConflictDoUpdate({
      target: [backupStorages.clusterId, backupStorages.storage],
      set: {
        type: storage.type,
        label: storage.label,
        modes: storage.modes,
        compress: storage.compress,
        enabled: storage.enabled ?? true,
      },
    })
    .returning();
  return row!;
}

export async function insertBackup(backup: NewBackup, db: Executor = getDb()): Promise<Backup> {
  const [row] = await db.insert(backups).values(backup).returning();
  return row!;
}

export async function getBackupById({ id }: { id: string }, db: Executor = getDb()): Promise<Backup | null> {
  const [row] = await db.select().from(backups).where(eq(backups.id, id)).limit(1);
  return row ?? null;
}

export async function updateBackup(
  { id, ...changes }: Partial<Backup> & { id: string },
  db: Executor = getDb(),
): Promise<Backup | null> {
  const [row] = await db.update(backups).set(changes).where(eq(backups.id, id)).returning();
  return row ?? null;
}

const keptStates: BackupState[] = ["running", "done"];

/** A VM's backups that are running or kept, newest first; failed and removed ones with `all`. */
export async function listBackupsForVm({
  vmId,
  all = false,
}: {
  vmId: string;
  all?: boolean;
}): Promise<Backup[]> {
  return getDb()
    .select()
    .from(backups)
    .where(and(eq(backups.vmId, vmId), all ? undefined : inArray(backups.state, keptStates)))
    .orderBy(desc(backups.createdAt));
}

export type OwnerBackupRow = Backup & { vmName: string; vmState: string; storageLabel: string };

/** A kept backup a person sees, with how they stand to its VM (as `getVmStanding` reads it). */
export type VisibleBackupRow = { backup: Backup; storageLabel: string } & VmStanding;

/**
 * The kept backups of every VM the person sees (`visibleToPerson`), newest first: a deleted VM's backups
 * are how it comes back, so its VM's state does not matter.
 */
export async function listBackupsVisibleTo({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<VisibleBackupRow[]> {
  return getDb()
    .select({
      backup: backups,
      storageLabel: backupStorages.label,
      vm: vms,
      projectRole: projectMembers.role,
      shareRole: vmShares.role,
    })
    .from(backups)
    .innerJoin(vms, eq(vms.id, backups.vmId))
    .innerJoin(backupStorages, eq(backupStorages.id, backups.storageId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, vms.projectId), eq(projectMembers.userId, userId)),
    )
    .leftJoin(vmShares, and(eq(vmShares.vmId, vms.id), eq(vmShares.userId, userId), liveShare(now)))
    .where(and(visibleToPerson(userId, now), inArray(backups.state, keptStates)))
    .orderBy(desc(backups.createdAt));
}

export type AdminBackupRow = OwnerBackupRow & {
  ownerLabel: string;
  /** The project of a project VM's backup, whose quota it counts in. */
  projectName: string | null;
  clusterId: string;
};

/** Every kept backup of every member and project, newest first, for the admins' list. */
export async function listAllBackups(): Promise<AdminBackupRow[]> {
  const rows = await getDb()
    .select({
      backup: backups,
      vmName: vms.name,
      vmState: vms.state,
      storageLabel: backupStorages.label,
      ownerLabel: userLabel,
      projectName: projects.name,
    })
    .from(backups)
    .innerJoin(vms, eq(vms.id, backups.vmId))
    .innerJoin(backupStorages, eq(backupStorages.id, backups.storageId))
    .innerJoin(users, eq(users.id, backups.ownerId))
    .leftJoin(projects, eq(projects.id, backups.projectId))
    .where(inArray(backups.state, keptStates))
    .orderBy(desc(backups.createdAt));
  return rows.map((row) => ({
    ...row.backup,
    vmName: row.vmName,
    vmState: row.vmState,
    storageLabel: row.storageLabel,
    ownerLabel: row.ownerLabel,
    projectName: row.projectName,
  }));
}

/** True when the VM has a backup running now: vzdump locks the VM, a second one would fail. */
export async function hasRunningBackup({ vmId }: { vmId: string }, db: Executor = getDb()): Promise<boolean> {
  const [row] = await db
    .select({ id: backups.id })
    .from(backups)
    .where(and(eq(backups.vmId, vmId), eq(backups.state, "running")))
    .limit(1);
  return row !== undefined;
}

/** Finished backups of VMs deleted before `deletedBefore`: their keeping time is over. */
export async function listBackupsOfVmsDeletedBefore({
  deletedBefore,
}: {
  deletedBefore: Date;
}): Promise<Backup[]> {
  const rows = await getDb()
    .select({ backup: backups })
    .from(backups)
    .innerJoin(vms, eq(vms.id, backups.vmId))
    .where(
      and(
        eq(backups.state, "done"),
        eq(vms.state, "deleted"),
        isNotNull(vms.deletedAt),
        lte(vms.deletedAt, deletedBefore),
      ),
    );
  return rows.map((row) => row.backup);
}

/** Moves a deleted VM's backups to the VM restored from one of them, so they live on with it. */
export async function moveBackupsToVm({
  fromVmId,
  toVmId,
}: {
  fromVmId: string;
  toVmId: string;
}): Promise<void> {
  await getDb().update(backups).set({ vmId: toVmId }).where(eq(backups.vmId, fromVmId));
  await getDb().delete(backupSchedules).where(eq(backupSchedules.vmId, fromVmId));
}

export async function getBackupSchedule({ vmId }: { vmId: string }): Promise<BackupSchedule | null> {
  const [row] = await getDb().select().from(backupSchedules).where(eq(backupSchedules.vmId, vmId)).limit(1);
  return row ?? null;
}

export async function saveBackupSchedule(schedule: NewBackupSchedule): Promise<BackupSchedule> {
  const { vmId, ...rest } = schedule;
  const [row] = await getDb()
    .insert(backupSchedules)
    .values(schedule)
    .onConflictDoUpdate({ target: backupSchedules.vmId, set: { ...rest, updatedAt: new Date() } })
    .returning();
  return row!;
}

export async function deleteBackupSchedule({ vmId }: { vmId: string }): Promise<void> {
  await getDb().delete(backupSchedules).where(eq(backupSchedules.vmId, vmId));
}

/** Enabled schedules whose time has come, of VMs that are still there. */
export async function listDueBackupSchedules({ now }: { now: Date }): Promise<BackupSchedule[]> {
  const rows = await getDb()
    .select({ schedule: backupSchedules })
    .from(backupSchedules)
    .innerJoin(vms, eq(vms.id, backupSchedules.vmId))
    .where(
      and(
        eq(backupSchedules.enabled, true),
        lte(backupSchedules.nextRunAt, now),
        sql`${vms.state} in ('running', 'stopped', 'paused')`,
      ),
    );
  return rows.map((row) => row.schedule);
}

/** Claims a due schedule for one run: only the caller that moves its time on gets true. */
export async function claimBackupScheduleRun({
  vmId,
  dueAt,
  nextRunAt,
}: {
  vmId: string;
  dueAt: Date;
  nextRunAt: Date;
}): Promise<boolean> {
  const rows = await getDb()
    .update(backupSchedules)
    .set({ nextRunAt, lastRunAt: new Date() })
    .where(and(eq(backupSchedules.vmId, vmId), eq(backupSchedules.nextRunAt, dueAt)))
    .returning({ vmId: backupSchedules.vmId });
  return rows.length === 1;
}
