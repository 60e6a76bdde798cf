import "server-only";
import { decrementSnapshotCount, incrementSnapshotCount } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person, type VmAction } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import type { Snapshot } from "@/lib/proxmox/schemas";
import { QuotaExceededError, withinQuota } from "@/lib/quotas/effective-quota";
import { accountOf } from "@/lib/quotas/quota-account";
import { onCurrentNode } from "./vm-location";
import { recordVmEvent } from "./vm-timeline";

async function snapshotVm(vmId: string, person: Person, action: VmAction) {
  const vm = await authorizeVm(person, vmId, action);
  if (vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") {
    throw conflict(message("errors.vm.notReadyForSnapshots"));
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

function explain(error: unknown): never {
  if (isProxmoxError(error))
    throw conflict(
      message("errors.vm.proxmoxSays", {
        reason: error.kind === "task-failed" ? error.message : (error.reason ?? error.message),
      }),
    );
  throw error;
}

/** The VM's snapshots, for anyone who sees the VM. */
export async function listOwnedSnapshots(vmId: string, person: Person): Promise<Snapshot[]> {
  const vm = await snapshotVm(vmId, person, "view");
  const client = await getProxmoxClient(vm.clusterId);
  return onCurrentNode(client, vm, (node) => client.qemu.snapshots(node, vm.vmid));
}

/** Takes a snapshot within the snapshot quota the VM counts in; the count is claimed before Proxmox is asked. */
export async function createOwnedSnapshot(
  vmId: string,
  person: Person,
  name: string,
  description: string,
  actor: AuditActor,
) {
  const vm = await snapshotVm(vmId, person, "snapshot");
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await withinQuota(accountOf(vm), { snapshots: 1 }, (tx) => incrementSnapshotCount({ id: vm.id }, tx));
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.createSnapshot(node, vm.vmid, name, { description })),
    );
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) {
      await decrementSnapshotCount({ id: vm.id });
    }
    explain(error);
  }
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.snapshotTaken", { name }),
    actor,
  });
}

export async function rollbackOwnedSnapshot(vmId: string, person: Person, name: string, actor: AuditActor) {
  const vm = await snapshotVm(vmId, person, "snapshot");
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.rollbackSnapshot(node, vm.vmid, name)),
    );
  } catch (error) {
    explain(error);
  }
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.snapshotRolledBack", { name }),
    actor,
  });
}

export async function deleteOwnedSnapshot(vmId: string, person: Person, name: string, actor: AuditActor) {
  const vm = await snapshotVm(vmId, person, "snapshot");
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.deleteSnapshot(node, vm.vmid, name)),
    );
  } catch (error) {
    explain(error);
  }
  await decrementSnapshotCount({ id: vm.id });
  await recordVmEvent({
    vmId: vm.id,
    kind: "snapshot",
    message: message("timeline.snapshotDeleted", { name }),
    actor,
  });
}
