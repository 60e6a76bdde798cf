import "server-only";
import { hasRunningBackup, insertBackup } from "@/db/queries/backups";
import type { Backup, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { enqueue } from "@/lib/jobs/enqueue";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { accountOf } from "@/lib/quotas/quota-account";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { backupRequested } from "./backup-events";
import { usableStorage } from "./backup-storages";
import { readyVm } from "./owned-backup";
import { isRestoring } from "./restoring";

export const GIB = 1024 ** 3;

export interface BackupStart {
  storageId: string;
  mode?: string;
  note: string;
  origin: Backup["origin"];
  actor: AuditActor;
  /** False when the caller runs the backup itself (a safety backup before a restore). */
  enqueue?: boolean;
}

export interface BackupRequest extends BackupStart {
  vmId: string;
  /** Who asks; they need "backup" on the VM. */
  person: Person;
}

/** A person backs up a VM they may back up (`authorizeVm` "backup"). */
export async function requestBackup({ vmId, person, ...start }: BackupRequest): Promise<Backup> {
  return startBackup(await readyVm(person, vmId, "backup"), start);
}

/**
 * The portal's own backups (schedules, the safety copy before a restore) and a person's once authorized:
 * checks the VM, the storage and mode, and the backup quota of the VM's account (its project's, else its
 * owner's), then records the backup as running and hands it to the job system. The record is the
 * reservation, taken under that account's quota lock as a VM request's is: a backup cannot be sized before
 * it is made, so it reserves the VM's whole disk, and one that would not fit is refused before Proxmox
 * hears of it.
 */
export async function startBackup(
  vm: Vm & { node: string; vmid: number },
  request: BackupStart,
): Promise<Backup> {
  if (request.origin !== "safety" && isRestoring(vm.stateDetail))
    throw conflict(message("errors.backups.backupDuringRestore"));
  const storage = await usableStorage(request.storageId, vm.clusterId, request.mode);
  const backup = await withinQuota(accountOf(vm), { backups: 1, backupGb: vm.diskGb }, async (tx) => {
    if (await hasRunningBackup({ vmId: vm.id }, tx)) throw conflict(message("errors.backups.backupRunning"));
    return insertBackup(
      {
        vmId: vm.id,
        ownerId: vm.ownerId,
        projectId: vm.projectId,
        clusterId: vm.clusterId,
        storageId: storage.id,
        node: vm.node,
        vmid: vm.vmid,
        cores: vm.cores,
        memoryMb: vm.memoryMb,
        diskGb: vm.diskGb,
        note: request.note,
        mode: storage.chosenMode,
        origin: request.origin,
        sizeBytes: vm.diskGb * GIB,
      },
      tx,
    );
  });
  await recordVmEvent({
    vmId: vm.id,
    kind: "backup",
    message: request.note
      ? message("timeline.backupStartedWithNote", { storage: storage.label, note: request.note })
      : message("timeline.backupStarted", { storage: storage.label }),
    actor: request.actor,
    detail: { backupId: backup.id, origin: request.origin },
  });
  if (request.enqueue !== false)
    await enqueue(backupRequested, { backupId: backup.id }, { idempotencyKey: `backup-${backup.id}` });
  return backup;
}
