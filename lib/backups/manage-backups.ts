import "server-only";
import { getBackupStorage, updateBackup } from "@/db/queries/backups";
import type { Backup } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, forbidden } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { explainProxmox, keptBackup } from "./owned-backup";

/** PVE answers so for a volume that is gone already (pve-storage Plugin.pm free_image / PBS forget). */
const saysVolumeGone = (error: unknown) =>
  isProxmoxError(error) && /does not exist|not found|no such/i.test(`${error.reason ?? ""} ${error.message}`);

/**
 * Removes a backup's volume from Proxmox and marks the record removed, which gives its room back to the
 * quota. A protected backup is refused, as PVE refuses it; one already gone from the storage is just marked.
 */
export async function removeBackupVolume(
  backup: Backup & { volid: string },
  { actor, reason }: { actor: AuditActor; reason: string },
): Promise<void> {
  if (backup.protected) throw conflict(message("errors.backups.protected"));
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) throw conflict(message("errors.backups.storageGone"));
  const client = await getProxmoxClient(backup.clusterId);
  try {
    const upid = await client.backups.deleteVolume(backup.node, storage.storage, backup.volid);
    if (upid) await client.tasks.wait(upid);
  } catch (error) {
    if (!saysVolumeGone(error)) explainProxmox(error);
  }
  await updateBackup({ id: backup.id, state: "removed", removedAt: new Date() });
  await recordVmEvent({
    vmId: backup.vmId,
    kind: "backup",
    message: message("timeline.backupRemoved", { reason }),
    actor,
    detail: { backupId: backup.id, volid: backup.volid },
  });
}

/** Someone who may delete the backup's VM deletes the backup. */
export async function deleteBackup({
  backupId,
  person,
  actor,
}: {
  backupId: string;
  person: Person;
  actor: AuditActor;
}): Promise<void> {
  const backup = await keptBackup(person, backupId, "delete");
  const reason = can(person.role, "admin:write") && backup.ownerId !== person.id ? "by an admin" : "by hand";
  await removeBackupVolume(backup, { actor, reason });
}

/** Changes a backup's note, on Proxmox and in the portal; the person needs "backup" on its VM. */
export async function setBackupNote({
  backupId,
  person,
  note,
}: {
  backupId: string;
  person: Person;
  note: string;
}): Promise<void> {
  const backup = await keptBackup(person, backupId, "backup");
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) throw conflict(message("errors.backups.storageGone"));
  const client = await getProxmoxClient(backup.clusterId);
  try {
    await client.backups.updateVolume(backup.node, storage.storage, backup.volid, { notes: note });
  } catch (error) {
    explainProxmox(error);
  }
  await updateBackup({ id: backup.id, note });
}

/** An admin protects a backup from pruning and removal (PVE's own protection flag too), or lifts it. */
export async function setBackupProtection({
  backupId,
  person,
  protect,
  actor,
}: {
  backupId: string;
  person: Person;
  protect: boolean;
  actor: AuditActor;
}): Promise<void> {
  if (!can(person.role, "admin:write")) throw forbidden(message("errors.backups.protectAdminOnly"));
  const backup = await keptBackup(person, backupId, "delete");
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) throw conflict(message("errors.backups.storageGone"));
  const client = await getProxmoxClient(backup.clusterId);
  try {
    await client.backups.updateVolume(backup.node, storage.storage, backup.volid, { protected: protect });
  } catch (error) {
    explainProxmox(error);
  }
  await updateBackup({ id: backup.id, protected: protect });
  await recordVmEvent({
    vmId: backup.vmId,
    kind: "backup",
    message: message(protect ? "timeline.backupProtected" : "timeline.backupUnprotected"),
    actor,
    detail: { backupId },
  });
}
