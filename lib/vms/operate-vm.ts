import "server-only";
import { getVmById, getVmForOwner, updateVm } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { isProxmoxError, type PowerAction } from "@/lib/proxmox";
import { removeVmWeMade } from "./vm-identity";
import { onCurrentNode } from "./vm-location";
import { recordVmEvent, type VmEventKind } from "./vm-timeline";

const SHUTDOWN_TIMEOUT_S = 60;

const outcome: Record<
  PowerAction,
  { kind: VmEventKind; message: string; state?: "running" | "stopped" | "paused" }
> = {
  start: { kind: "started", message: "Started", state: "running" },
  shutdown: { kind: "stopped", message: "Shut down", state: "stopped" },
  stop: { kind: "stopped", message: "Stopped (power cut)", state: "stopped" },
  reboot: { kind: "rebooted", message: "Rebooted", state: "running" },
  reset: { kind: "rebooted", message: "Reset", state: "running" },
  suspend: { kind: "suspended", message: "Paused", state: "paused" },
  resume: { kind: "resumed", message: "Resumed", state: "running" },
};

/**
 * The VM, if it exists on the cluster: the owner's (anyone else gets a 404 that looks the same), or any
 * VM when `ownerId` is null (admins).
 */
async function liveVm(vmId: string, ownerId: string | null) {
  const vm = ownerId === null ? await getVmById({ id: vmId }) : await getVmForOwner({ id: vmId, ownerId });
  if (!vm || vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") {
    throw conflict("This VM is not ready for that yet.");
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

function explain(error: unknown): never {
  if (isProxmoxError(error))
    throw conflict(
      error.kind === "task-failed"
        ? `Proxmox says: ${error.message}.`
        : `Proxmox refused: ${error.reason ?? error.message}.`,
    );
  throw error;
}

export async function powerOwnedVm({
  vmId,
  ownerId,
  action,
  actor,
}: {
  vmId: string;
  /** Null for an admin acting on any VM. */
  ownerId: string | null;
  action: PowerAction;
  actor: AuditActor;
}) {
  const vm = await liveVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    // An ACPI shutdown the guest ignores fails after this long; the member is then offered a forced stop.
    const params = action === "shutdown" ? { timeout: SHUTDOWN_TIMEOUT_S } : {};
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.power(node, vm.vmid, action, params), { deadlineMs: 180_000 }),
    );
  } catch (error) {
    // _do_vm_stop's own words when the guest ignored the power button; any other failure (a lock, say)
    // is explained as Proxmox gave it.
    if (
      action === "shutdown" &&
      isProxmoxError(error) &&
      error.kind === "task-failed" &&
      /powerdown failed - got timeout/.test(error.message)
    ) {
      throw conflict(
        `The VM did not shut down within ${SHUTDOWN_TIMEOUT_S} seconds; its system may not answer the power button. You can force it to stop.`,
      );
    }
    explain(error);
  }
  client.resources.invalidate();
  const result = outcome[action];
  await updateVm({ id: vm.id, state: result.state });
  await recordVmEvent({ vmId: vm.id, kind: result.kind, message: result.message, actor });
  return { state: result.state };
}

/** Deletes after the owner typed the VM's name: stop, destroy with purge, keep the record marked deleted. */
export async function deleteOwnedVm({
  vmId,
  ownerId,
  confirmName,
  actor,
}: {
  vmId: string;
  /** Null for an admin deleting any VM. */
  ownerId: string | null;
  confirmName: string;
  actor: AuditActor;
}) {
  const record =
    ownerId === null ? await getVmById({ id: vmId }) : await getVmForOwner({ id: vmId, ownerId });
  if (!record || record.state === "deleted") throw notFound();
  if (confirmName.trim() !== record.name)
    throw invalid(`Type the VM's name, ${record.name}, to confirm.`, "confirmName");
  if (record.node && record.vmid !== null) {
    const client = await getProxmoxClient(record.clusterId);
    try {
      await removeVmWeMade(client, {
        id: record.id,
        node: record.node,
        vmid: record.vmid,
        name: record.name,
      });
    } catch (error) {
      explain(error);
    }
  }
  await updateVm({ id: record.id, state: "deleted", deletedAt: new Date(), ipAddress: null });
  const released = await releaseVmAddress(record.id);
  await recordVmEvent({
    vmId: record.id,
    kind: "deleted",
    message: "Deleted",
    actor,
    ...(released.length ? { detail: { releasedAddresses: released } } : {}),
  });
}
