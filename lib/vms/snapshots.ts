import "server-only";
import { decrementSnapshotCount, getVmForOwner, incrementSnapshotCount } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, notFound } from "@/lib/errors";
import { isProxmoxError } from "@/lib/proxmox";
import type { Snapshot } from "@/lib/proxmox/schemas";
import { QuotaExceededError, withinQuota } from "@/lib/quotas/effective-quota";
import { onCurrentNode } from "./vm-location";
import { recordVmEvent } from "./vm-timeline";

async function ownedVm(vmId: string, ownerId: string) {
  const vm = await getVmForOwner({ id: vmId, ownerId });
  if (!vm || vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") {
    throw conflict("This VM is not ready for snapshots yet.");
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

function explain(error: unknown): never {
  if (isProxmoxError(error))
    throw conflict(
      `Proxmox says: ${error.kind === "task-failed" ? error.message : (error.reason ?? error.message)}.`,
    );
  throw error;
}

export async function listOwnedSnapshots(vmId: string, ownerId: string): Promise<Snapshot[]> {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  return onCurrentNode(client, vm, (node) => client.qemu.snapshots(node, vm.vmid));
}

/** Takes a snapshot within the owner's snapshot quota; the count is claimed before Proxmox is asked. */
export async function createOwnedSnapshot(
  vmId: string,
  ownerId: string,
  name: string,
  description: string,
  actor: AuditActor,
) {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await withinQuota(ownerId, { snapshots: 1 }, (tx) => incrementSnapshotCount({ id: vm.id }, tx));
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.createSnapshot(node, vm.vmid, name, { description })),
    );
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) {
      await decrementSnapshotCount({ id: vm.id });
    }
    explain(error);
  }
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Snapshot ${name} taken`, actor });
}

export async function rollbackOwnedSnapshot(vmId: string, ownerId: string, name: string, actor: AuditActor) {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.rollbackSnapshot(node, vm.vmid, name)),
    );
  } catch (error) {
    explain(error);
  }
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Rolled back to snapshot ${name}`, actor });
}

export async function deleteOwnedSnapshot(vmId: string, ownerId: string, name: string, actor: AuditActor) {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.deleteSnapshot(node, vm.vmid, name)),
    );
  } catch (error) {
    explain(error);
  }
  await decrementSnapshotCount({ id: vm.id });
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Snapshot ${name} deleted`, actor });
}
