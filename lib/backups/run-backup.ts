import "server-only";
import { getBackupById, getBackupStorage, listBackupsForVm, updateBackup } from "@/db/queries/backups";
import { getVmById } from "@/db/queries/vms";
import { systemActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { message } from "@/lib/i18n/message";
import { publishVmChange } from "@/lib/live/portal-changes";
import { log } from "@/lib/log";
import type { ProxmoxClient } from "@/lib/proxmox";
import { notesTemplateFor } from "@/lib/proxmox/backups";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { emitVmBackedUp } from "@/lib/webhooks/vm-webhooks";
import { proxmoxReason } from "./proxmox-reason";

/** vzdump writes a line per few percent; a backup that writes nothing for this long is given up. */
const STALL_MS = 15 * 60_000;

export type BackupOutcome =
  | { state: "done"; volid: string; sizeBytes: number }
  | { state: "failed"; error: string };

/**
 * Runs the vzdump of a backup the quota admitted and follows its task, recording progress, then finds the
 * volume it made and records its id and real size (which replaces the reservation's estimate). A run
 * resumed after a restart follows the task it started before. Failures are recorded, not thrown.
 */
export async function runBackup(backupId: string): Promise<BackupOutcome | { state: "skipped" }> {
  const backup = await getBackupById({ id: backupId });
  if (backup?.state !== "running") return { state: "skipped" };
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) return fail(backupId, backup.vmId, "The backup storage is no longer approved.");
  const client = await getProxmoxClient(backup.clusterId);
  try {
    let upid = backup.upid;
    let node = backup.node;
    if (!upid) {
      const notesTemplate = notesTemplateFor(backup.note);
      const request = {
        vmid: backup.vmid,
        storage: storage.storage,
        mode: backup.mode,
        compress: storage.type === "pbs" ? undefined : storage.compress,
        notesTemplate: backup.note && notesTemplate ? notesTemplate : undefined,
      };
      upid = await client.backups.vzdump(node, request);
      // vzdump answers a plain "OK" and does nothing when the guest is on another node (API2/VZDump.pm):
      // the VM moved since it was recorded, so ask the node the cluster lists it on now.
      if (!upid.startsWith("UPID:")) {
        const resources = await client.resources.get({ maxAgeMs: 0 });
        const listed = resources.find((item) => item.type === "qemu" && item.vmid === backup.vmid)?.node;
        if (!listed || listed === node)
          return fail(backupId, backup.vmId, "Proxmox did not start the backup.");
        node = listed;
        upid = await client.backups.vzdump(node, request);
      }
      await updateBackup({ id: backupId, upid, node });
    }
    let reported = -1;
    const task = await client.tasks.wait(upid, {
      stallMs: STALL_MS,
      onProgress: ({ percent }) => {
        if (percent === null || percent - reported < 5) return;
        reported = percent;
        void updateBackup({ id: backupId, progress: Math.round(percent) }).then(() =>
          publishVmChange(backup.vmId),
        );
      },
    });
    const volume = await findMadeVolume(
      client,
      { ...backup, node, storage: storage.storage },
      task.starttime,
    );
    if (!volume) return fail(backupId, backup.vmId, "vzdump finished, but no new backup is on the storage.");
    if (backup.note && !notesTemplateFor(backup.note))
      await client.backups.updateVolume(node, storage.storage, volume.volid, { notes: backup.note });
    await updateBackup({
      id: backupId,
      state: "done",
      volid: volume.volid,
      sizeBytes: volume.size,
      progress: 100,
      finishedAt: new Date(),
    });
    await recordVmEvent({
      vmId: backup.vmId,
      kind: "backup",
      message: message("timeline.backupDone", { storage: storage.label }),
      actor: systemActor,
      detail: { backupId, volid: volume.volid, sizeBytes: volume.size },
    });
    const vm = await getVmById({ id: backup.vmId });
    if (vm)
      await emitVmBackedUp(vm, {
        id: backupId,
        sizeBytes: volume.size,
        origin: backup.origin,
        storage: storage.storage,
      });
    return { state: "done", volid: volume.volid, sizeBytes: volume.size };
  } catch (error) {
    log.warn({ err: error, backupId }, "backup failed");
    return fail(backupId, backup.vmId, proxmoxReason(error));
  }
}

/** The volume this run made: the VM's earliest backup since the task started that no other record holds. */
async function findMadeVolume(
  client: ProxmoxClient,
  backup: { node: string; storage: string; vmid: number; vmId: string; id: string },
  startedAt: number | undefined,
) {
  const known = new Set(
    (await listBackupsForVm({ vmId: backup.vmId, all: true }))
      .filter((other) => other.id !== backup.id && other.volid)
      .map((other) => other.volid),
  );
  const since = (startedAt ?? 0) - 1;
  const candidates = (await client.backups.volumes(backup.node, backup.storage, { vmid: backup.vmid }))
    .filter((volume) => !known.has(volume.volid) && (volume.ctime ?? 0) >= since)
    .sort((a, b) => (a.ctime ?? 0) - (b.ctime ?? 0));
  return candidates[0] ?? null;
}

async function fail(backupId: string, vmId: string, error: string): Promise<BackupOutcome> {
  await updateBackup({ id: backupId, state: "failed", error, finishedAt: new Date() });
  await recordVmEvent({
    vmId,
    kind: "backup",
    message: message("timeline.backupFailed", { reason: error }),
    actor: systemActor,
    detail: { backupId },
  });
  return { state: "failed", error };
}
