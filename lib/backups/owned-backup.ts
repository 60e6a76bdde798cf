import "server-only";
import { getBackupById } from "@/db/queries/backups";
import type { Backup, Vm } from "@/db/schema";
import { authorizeVm, type Person, type VmAction } from "@/lib/authz/vm-access";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";

/**
 * The backup, if it is kept and the person may do this to its VM (`authorizeVm`): one of a VM they cannot
 * see is not found, as is a removed or failed one; one they see but may not act on is forbidden. A deleted
 * VM's backups answer to the same rule, so its owner (or its project) can bring it back.
 */
export async function keptBackup(
  person: Person,
  backupId: string,
  action: VmAction,
): Promise<Backup & { volid: string }> {
  const backup = await getBackupById({ id: backupId });
  if (!backup) throw notFound();
  await authorizeVm(person, backup.vmId, action);
  if (backup.state === "removed" || backup.state === "failed") throw notFound();
  if (backup.state === "running" || !backup.volid) throw conflict(message("errors.backups.stillRunning"));
  return { ...backup, volid: backup.volid };
}

/** The VM, if it is on the cluster and ready for a backup or a restore; a deleted one is not found. */
export function readyForBackups(vm: Vm | null): Vm & { node: string; vmid: number } {
  if (!vm || vm.state === "deleted") throw notFound();
  if (
    !vm.node ||
    vm.vmid === null ||
    vm.state === "provisioning" ||
    vm.state === "failed" ||
    vm.state === "missing"
  ) {
    throw conflict(message("errors.backups.vmNotReady"));
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

/** A VM the person may do this to, on the cluster and ready. */
export async function readyVm(
  person: Person,
  vmId: string,
  action: VmAction,
): Promise<Vm & { node: string; vmid: number }> {
  return readyForBackups(await authorizeVm(person, vmId, action));
}

/** Proxmox's refusal, in the member's words. */
export function explainProxmox(error: unknown): never {
  if (isProxmoxError(error))
    throw conflict(
      error.kind === "task-failed"
        ? `Proxmox says: ${error.message}.`
        : `Proxmox refused: ${error.reason ?? error.message}.`,
    );
  throw error;
}
