import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVmForOwner } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { ActionError } from "@/lib/actions/validated-action";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { formatGiB, formatMemory } from "@/lib/format";
import { isProxmoxError } from "@/lib/proxmox";
import { QuotaExceededError, withinQuota } from "@/lib/quotas/effective-quota";
import { getSetting } from "@/lib/settings/settings";
import { type VmSize, vmSizeSchema } from "./vm-size";
import { recordVmEvent } from "./vm-timeline";

export interface ResizeOutcome {
  /** Changes a running VM takes at its next boot, as Proxmox reports them pending. */
  pendingUntilReboot: string[];
}

/**
 * Changes cores, memory and disk within the per-VM limits and the owner's quota. Disks only grow. The
 * new sizes are claimed under the quota lock first and given back if Proxmox refuses.
 */
export async function resizeOwnedVm(
  vmId: string,
  ownerId: string,
  wanted: VmSize,
  actor: AuditActor,
): Promise<ResizeOutcome> {
  const vm = await getVmForOwner({ vmId, ownerId });
  if (!vm || vm.state === "deleted") throw new ActionError("Not found.", 404);
  if (!vm.node || vm.vmid === null || ["provisioning", "failed", "missing"].includes(vm.state)) {
    throw new ActionError("This VM cannot be changed right now.", 409);
  }
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(wanted);
  if (!size.success) throw new ActionError(size.error.issues[0]!.message);
  if (size.data.diskGb < vm.diskGb)
    throw new ActionError(`Disks can only grow: this one has ${vm.diskGb} GiB.`);
  const before = { cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb };
  const grow = {
    cores: Math.max(0, size.data.cores - vm.cores),
    memoryMb: Math.max(0, size.data.memoryMb - vm.memoryMb),
    diskGb: size.data.diskGb - vm.diskGb,
  };
  try {
    await withinQuota(ownerId, grow, (tx) => tx.update(vms).set(size.data).where(eq(vms.id, vm.id)));
  } catch (error) {
    if (error instanceof QuotaExceededError) throw new ActionError(error.message, 409);
    throw error;
  }
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await client.qemu.updateConfig(vm.node, vm.vmid, {
      cores: size.data.cores,
      memory: String(size.data.memoryMb),
    });
    if (grow.diskGb > 0) {
      const config = await client.qemu.config(vm.node, vm.vmid);
      const disk = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
      const task = await client.qemu.resize(vm.node, vm.vmid, disk, `${size.data.diskGb}G`);
      if (task) await client.tasks.wait(task);
    }
  } catch (error) {
    await getDb().update(vms).set(before).where(eq(vms.id, vm.id));
    if (isProxmoxError(error))
      throw new ActionError(
        `Proxmox refused: ${error.kind === "task-failed" ? error.message : (error.reason ?? error.message)}.`,
        409,
      );
    throw error;
  }
  const pending = (await client.qemu.pending(vm.node, vm.vmid))
    .filter((entry) => entry.pending !== undefined)
    .map((entry) => entry.key);
  await recordVmEvent({
    vmId: vm.id,
    kind: "resized",
    message: `Resized to ${size.data.cores} cores, ${formatMemory(size.data.memoryMb)} memory, ${formatGiB(size.data.diskGb)} disk${pending.length ? " (CPU and memory at next boot)" : ""}`,
    actor,
    detail: { before, after: size.data },
  });
  return { pendingUntilReboot: pending.filter((key) => key === "cores" || key === "memory") };
}
