import "server-only";
import {
  getBackupSchedule,
  listAllBackups,
  listBackupsForVm,
  listBackupsVisibleTo,
} from "@/db/queries/backups";
import type { Backup, BackupSchedule, BackupStorage } from "@/db/schema";
import { accessFromStanding, allows, type Person, type VmAccess, vmAccess } from "@/lib/authz/vm-access";
import { notFound } from "@/lib/errors";
import { allowsFileRestore, backupStoragesFor } from "./backup-storages";

export interface BackupView {
  id: string;
  vmId: string;
  createdAt: Date;
  finishedAt: Date | null;
  state: Backup["state"];
  progress: number | null;
  sizeBytes: number;
  note: string;
  mode: Backup["mode"];
  origin: Backup["origin"];
  protected: boolean;
  storageId: string;
  error: string | null;
  /** Whether its files can be browsed (PBS). */
  fileRestore: boolean;
}

function viewOf(backup: Backup, storages: Map<string, BackupStorage>): BackupView {
  const storage = storages.get(backup.storageId);
  return {
    id: backup.id,
    vmId: backup.vmId,
    createdAt: backup.createdAt,
    finishedAt: backup.finishedAt,
    state: backup.state,
    progress: backup.progress,
    sizeBytes: backup.sizeBytes,
    note: backup.note,
    mode: backup.mode,
    origin: backup.origin,
    protected: backup.protected,
    storageId: backup.storageId,
    error: backup.error,
    fileRestore: backup.state === "done" && storage !== undefined && allowsFileRestore(storage),
  };
}

/** Which of the backups card's buttons the person gets. */
export interface BackupPermissions {
  /** Back up now, notes, the schedule. */
  backup: boolean;
  /** Restore as a new VM or over this one, browse and download files. */
  restore: boolean;
  delete: boolean;
}

const permissionsOf = (access: VmAccess): BackupPermissions => ({
  backup: allows(access, "backup"),
  restore: allows(access, "restore"),
  delete: allows(access, "delete"),
});

/**
 * What the VM page's backups card shows to someone who may view the VM: its backups, where it can back up
 * to, its schedule, and which buttons are theirs.
 */
export async function getVmBackups(
  person: Person,
  vmId: string,
): Promise<{
  backups: BackupView[];
  storages: Pick<BackupStorage, "id" | "label" | "type" | "modes">[];
  schedule: BackupSchedule | null;
  may: BackupPermissions;
}> {
  const access = await vmAccess(person, vmId);
  // Any state but deleted: a provisioning or failed VM's card shows no backups yet, not an error.
  if (!access || !allows(access, "view") || access.vm.state === "deleted") throw notFound();
  const { vm } = access;
  const [rows, storages, schedule] = await Promise.all([
    listBackupsForVm({ vmId }),
    backupStoragesFor(vm.clusterId),
    getBackupSchedule({ vmId }),
  ]);
  const byId = new Map(storages.map((storage) => [storage.id, storage]));
  return {
    backups: rows.map((row) => viewOf(row, byId)),
    storages: storages.map(({ id, label, type, modes }) => ({ id, label, type, modes })),
    schedule,
    may: permissionsOf(access),
  };
}

/**
 * The backups of every VM the person sees (theirs, their projects', those shared with them), deleted VMs'
 * included (restoring one brings the VM back), each with the buttons the person gets.
 */
export async function listMemberBackups(person: Person, now = new Date()) {
  const rows = await listBackupsVisibleTo({ userId: person.id, now });
  return rows.map(({ backup, storageLabel, ...standing }) => ({
    id: backup.id,
    vmId: backup.vmId,
    vmName: standing.vm.name,
    vmDeleted: standing.vm.state === "deleted",
    projectId: backup.projectId,
    storageLabel,
    createdAt: backup.createdAt,
    state: backup.state,
    sizeBytes: backup.sizeBytes,
    note: backup.note,
    protected: backup.protected,
    may: permissionsOf(accessFromStanding(person, standing)),
  }));
}

/** The admins' list: every kept backup with owner, size and age in days. */
export async function listBackupsForAdmins(now = new Date()) {
  const rows = await listAllBackups();
  return rows.map((row) => ({
    id: row.id,
    vmId: row.vmId,
    vmName: row.vmName,
    vmDeleted: row.vmState === "deleted",
    ownerLabel: row.ownerLabel,
    projectName: row.projectName,
    storageLabel: row.storageLabel,
    clusterId: row.clusterId,
    createdAt: row.createdAt,
    ageDays: Math.floor((+now - +row.createdAt) / 86_400_000),
    state: row.state,
    sizeBytes: row.sizeBytes,
    note: row.note,
    origin: row.origin,
    protected: row.protected,
  }));
}
