import "server-only";
import {
  claimBackupScheduleRun,
  deleteBackupSchedule,
  getBackupSchedule,
  listBackupsForVm,
  listDueBackupSchedules,
  saveBackupSchedule,
} from "@/db/queries/backups";
import { getVmById } from "@/db/queries/vms";
import type { BackupSchedule } from "@/db/schema";
import { type AuditActor, systemActor } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { isDomainError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { nextCronTime } from "@/lib/jobs/cron";
import { log } from "@/lib/log";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import type { BackupScheduleInput } from "./backup-inputs";
import { usableStorage } from "./backup-storages";
import { removeBackupVolume } from "./manage-backups";
import { readyForBackups, readyVm } from "./owned-backup";
import { startBackup } from "./request-backup";
import { selectPrunable } from "./retention";

type When = Pick<BackupSchedule, "frequency" | "weekday" | "minuteOfDay">;

/** The next time a schedule names after `after`, in UTC. */
export function nextScheduledRun(when: When, after: Date): Date {
  const minute = when.minuteOfDay % 60;
  const hour = Math.floor(when.minuteOfDay / 60);
  const weekday = when.frequency === "weekly" ? String(when.weekday ?? 0) : "*";
  return nextCronTime(`TZ=UTC ${minute} ${hour} * * ${weekday}`, after);
}

/** Sets a VM's schedule; the person needs "backup" on it, as a backup by hand does. */
export async function saveVmBackupSchedule(
  person: Person,
  input: BackupScheduleInput,
  now = new Date(),
): Promise<BackupSchedule> {
  const vm = await readyVm(person, input.vmId, "backup");
  const storage = await usableStorage(input.storageId, vm.clusterId, input.mode);
  const [hours, minutes] = input.time.split(":").map(Number) as [number, number];
  const when: When = {
    frequency: input.frequency,
    weekday: input.frequency === "weekly" ? (input.weekday ?? 0) : null,
    minuteOfDay: hours * 60 + minutes,
  };
  return saveBackupSchedule({
    vmId: vm.id,
    storageId: storage.id,
    mode: storage.chosenMode,
    ...when,
    keepLast: input.keepLast,
    keepDaily: input.keepDaily,
    keepWeekly: input.keepWeekly,
    enabled: input.enabled,
    nextRunAt: nextScheduledRun(when, now),
  });
}

export async function removeVmBackupSchedule(person: Person, vmId: string): Promise<void> {
  await readyVm(person, vmId, "backup");
  await deleteBackupSchedule({ vmId });
}

/**
 * Starts the backup of every schedule whose time has come. Each run is claimed by moving the schedule's
 * time on first, so two sweeps (two replicas) never start one twice; a backup the quota refuses is said on
 * the VM's timeline and waits for the next time.
 */
export async function runDueSchedules(now = new Date()): Promise<{ started: number; refused: number }> {
  let started = 0;
  let refused = 0;
  for (const schedule of await listDueBackupSchedules({ now })) {
    const claimed = await claimBackupScheduleRun({
      vmId: schedule.vmId,
      dueAt: schedule.nextRunAt,
      nextRunAt: nextScheduledRun(schedule, now),
    });
    if (!claimed) continue;
    try {
      await startBackup(readyForBackups(await getVmById({ id: schedule.vmId })), {
        storageId: schedule.storageId,
        mode: schedule.mode,
        note: "Scheduled backup",
        origin: "schedule",
        actor: systemActor,
      });
      started++;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refused++;
      await recordVmEvent({
        vmId: schedule.vmId,
        kind: "backup",
        message: message("timeline.scheduledBackupRefused", { reason: error.message }),
        actor: systemActor,
      });
    }
  }
  return { started, refused };
}

/**
 * Applies the VM's retention to its scheduled backups, oldest first; backups taken by hand and protected
 * ones are never pruned. Returns how many were removed.
 */
export async function pruneScheduledBackups(vmId: string, actor: AuditActor = systemActor): Promise<number> {
  const schedule = await getBackupSchedule({ vmId });
  if (!schedule) return 0;
  const scheduled = (await listBackupsForVm({ vmId })).filter(
    (backup) => backup.origin === "schedule" && backup.state === "done" && backup.volid,
  );
  let removed = 0;
  for (const backup of selectPrunable(scheduled, schedule)) {
    try {
      await removeBackupVolume({ ...backup, volid: backup.volid! }, { actor, reason: "retention" });
      removed++;
    } catch (error) {
      log.warn({ err: error, backupId: backup.id }, "a backup retention would remove was not removed");
    }
  }
  return removed;
}
