import "server-only";
import { getVmById } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { isDomainError } from "@/lib/errors";
import { readyForBackups } from "./owned-backup";
import { startBackup } from "./request-backup";
import { runBackup } from "./run-backup";

/**
 * Before a restore over a VM: a backup of the VM as it is, to the same storage, when the quota and the
 * storage allow one. A successful restore replaces the VM's disks with their snapshots, so a snapshot
 * would not outlive it; a backup does. Without room the restore goes ahead, and the timeline says so.
 */
export async function takeSafetyBackup({
  vmId,
  storageId,
  actor,
}: {
  vmId: string;
  storageId: string;
  actor: AuditActor;
}): Promise<{ backupId: string | null; message: string }> {
  let backupId: string;
  try {
    const vm = readyForBackups(await getVmById({ id: vmId }));
    const backup = await startBackup(vm, {
      storageId,
      note: "Safety backup before a restore",
      origin: "safety",
      actor,
      enqueue: false,
    });
    backupId = backup.id;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { backupId: null, message: `No safety backup before the restore: ${error.message}` };
  }
  const outcome = await runBackup(backupId);
  return outcome.state === "done"
    ? { backupId, message: "Safety backup taken before the restore" }
    : { backupId, message: "The safety backup failed; restoring anyway" };
}
