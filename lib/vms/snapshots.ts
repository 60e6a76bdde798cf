import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVmForOwner } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { ActionError } from "@/lib/actions/validated-action";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { isProxmoxError } from "@/lib/proxmox";
import type { Snapshot } from "@/lib/proxmox/schemas";
import { QuotaExceededError, withinQuota } from "@/lib/quotas/effective-quota";
import { recordVmEvent } from "./vm-timeline";

async function ownedVm(vmId: string, ownerId: string) {
  const vm = await getVmForOwner({ vmId, ownerId });
  if (!vm || vm.state === "deleted") throw new ActionError("Not found.", 404);
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") {
    throw new ActionError("This VM is not ready for snapshots yet.", 409);
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

function explain(error: unknown): never {
  if (isProxmoxError(error))
    throw new ActionError(
      `Proxmox says: ${error.kind === "task-failed" ? error.message : (error.reason ?? error.message)}.`,
      409,
    );
  if (error instanceof QuotaExceededError) throw new ActionError(error.message, 409);
  throw error;
}

export async function listOwnedSnapshots(vmId: string, ownerId: string): Promise<Snapshot[]> {
  const vm = await ownedVm(vmId, ownerId);
  return (await getProxmoxClient(vm.clusterId)).qemu.snapshots(vm.node, vm.vmid);
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
    await withinQuota(ownerId, { snapshots: 1 }, (tx) =>
      tx
        .update(vms)
        .set({ snapshotCount: sql`${vms.snapshotCount} + 1` })
        .where(eq(vms.id, vm.id)),
    );
    await client.tasks.wait(await client.qemu.createSnapshot(vm.node, vm.vmid, name, { description }));
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) {
      await getDb()
        .update(vms)
        .set({ snapshotCount: sql`greatest(${vms.snapshotCount} - 1, 0)` })
        .where(eq(vms.id, vm.id));
    }
    explain(error);
  }
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Snapshot ${name} taken`, actor });
}

export async function rollbackOwnedSnapshot(vmId: string, ownerId: string, name: string, actor: AuditActor) {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await client.tasks.wait(await client.qemu.rollbackSnapshot(vm.node, vm.vmid, name));
  } catch (error) {
    explain(error);
  }
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Rolled back to snapshot ${name}`, actor });
}

export async function deleteOwnedSnapshot(vmId: string, ownerId: string, name: string, actor: AuditActor) {
  const vm = await ownedVm(vmId, ownerId);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await client.tasks.wait(await client.qemu.deleteSnapshot(vm.node, vm.vmid, name));
  } catch (error) {
    explain(error);
  }
  await getDb()
    .update(vms)
    .set({ snapshotCount: sql`greatest(${vms.snapshotCount} - 1, 0)` })
    .where(eq(vms.id, vm.id));
  await recordVmEvent({ vmId: vm.id, kind: "snapshot", message: `Snapshot ${name} deleted`, actor });
}
