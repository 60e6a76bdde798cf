"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import {
  backupNoteSchema,
  backupNowSchema,
  backupRefSchema,
  backupScheduleSchema,
  fileRestorePathSchema,
  restoreAsNewSchema,
  restoreInPlaceSchema,
} from "@/lib/backups/backup-inputs";
import { removeVmBackupSchedule, saveVmBackupSchedule } from "@/lib/backups/backup-schedules";
import { listBackupFiles } from "@/lib/backups/file-restore";
import { deleteBackup, setBackupNote } from "@/lib/backups/manage-backups";
import { keptBackup } from "@/lib/backups/owned-backup";
import { requestBackup } from "@/lib/backups/request-backup";
import { requestRestoreAsNewVm, requestRestoreInPlace } from "@/lib/backups/request-restore";

export const backupNowAction = validatedAction(
  { name: "backup.create", permission: "portal:use", input: backupNowSchema },
  async ({ vmId, storageId, mode, note }, { user, actor, audit }) => {
    const backup = await requestBackup({
      vmId,
      person: user,
      storageId,
      mode,
      note,
      origin: "manual",
      actor,
    });
    await audit({
      action: "backup.create",
      target: { type: "vm", id: vmId },
      detail: { backupId: backup.id },
    });
    revalidatePath(`/vms/${vmId}`);
    return { backupId: backup.id };
  },
);

export const deleteBackupAction = validatedAction(
  { name: "backup.delete", permission: "portal:use", input: backupRefSchema },
  async ({ backupId }, { user, actor, audit }) => {
    const { vmId } = await keptBackup(user, backupId, "delete");
    await deleteBackup({ backupId, person: user, actor });
    await audit({ action: "backup.delete", target: { type: "backup", id: backupId } });
    revalidatePath(`/vms/${vmId}`);
    return { backupId };
  },
);

export const setBackupNoteAction = validatedAction(
  { name: "backup.note", permission: "portal:use", input: backupNoteSchema },
  async ({ backupId, note }, { user, audit }) => {
    await setBackupNote({ backupId, person: user, note });
    await audit({ action: "backup.note", target: { type: "backup", id: backupId } });
    return { backupId };
  },
);

export const restoreAsNewVmAction = validatedAction(
  { name: "backup.restore", permission: "portal:use", input: restoreAsNewSchema },
  async ({ backupId, name }, { user, actor, audit }) => {
    const vm = await requestRestoreAsNewVm({ backupId, person: user, name, actor });
    await audit({
      action: "backup.restore",
      target: { type: "backup", id: backupId },
      detail: { into: "new", vmId: vm.id, name },
    });
    revalidatePath("/vms");
    return { vmId: vm.id };
  },
);

export const restoreInPlaceAction = validatedAction(
  { name: "backup.restore", permission: "portal:use", input: restoreInPlaceSchema },
  async ({ backupId, confirmName }, { user, actor, audit }) => {
    const vm = await requestRestoreInPlace({ backupId, person: user, confirmName, actor });
    await audit({
      action: "backup.restore",
      target: { type: "backup", id: backupId },
      detail: { into: "in-place", vmId: vm.id },
    });
    revalidatePath(`/vms/${vm.id}`);
    return { vmId: vm.id };
  },
);

export const saveBackupScheduleAction = validatedAction(
  { name: "backup.schedule", permission: "portal:use", input: backupScheduleSchema },
  async (input, { user, audit }) => {
    const schedule = await saveVmBackupSchedule(user, input);
    await audit({
      action: "backup.schedule",
      target: { type: "vm", id: input.vmId },
      detail: {
        frequency: input.frequency,
        time: input.time,
        keepLast: input.keepLast,
        keepDaily: input.keepDaily,
        keepWeekly: input.keepWeekly,
      },
    });
    revalidatePath(`/vms/${input.vmId}`);
    return { nextRunAt: schedule.nextRunAt.toISOString() };
  },
);

export const removeBackupScheduleAction = validatedAction(
  { name: "backup.schedule", permission: "portal:use", input: z.object({ vmId: z.uuid("Pick a VM.") }) },
  async ({ vmId }, { user, audit }) => {
    await removeVmBackupSchedule(user, vmId);
    await audit({ action: "backup.schedule.remove", target: { type: "vm", id: vmId } });
    revalidatePath(`/vms/${vmId}`);
    return { vmId };
  },
);

/** One folder of a PBS backup; downloads go through GET /api/backups/{backupId}/download?path=… */
export const listBackupFilesAction = validatedAction(
  { name: "backup.files", permission: "portal:use", input: fileRestorePathSchema },
  async ({ backupId, path }, { user, audit }) => {
    const entries = await listBackupFiles({ backupId, person: user, path });
    await audit({ action: "backup.files.list", target: { type: "backup", id: backupId }, detail: { path } });
    return {
      path,
      entries: entries.map((entry) => ({ ...entry, modifiedAt: entry.modifiedAt?.toISOString() ?? null })),
    };
  },
);
