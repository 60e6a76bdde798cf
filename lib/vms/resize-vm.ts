import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { formatGiB, formatMemory } from "@/lib/format";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { accountOf } from "@/lib/quotas/quota-account";
import { getSetting } from "@/lib/settings/settings";
import { onCurrentNode } from "./vm-location";
import { type VmSize, vmSizeSchema } from "./vm-size";
import { recordVmEvent } from "./vm-timeline";

export interface ResizeOutcome {
  /** Changes a running VM takes at its next boot, as Proxmox reports them pending. */
  pendingUntilReboot: string[];
}

/**
 * Changes cores, memory and disk within the per-VM limits and the quota the VM counts in. Disks only grow. The
 * new sizes are claimed under the quota lock first and given back if Proxmox refuses.
 */
export async function resizeOwnedVm(
  vmId: string,
  person: Person,
  wanted: VmSize,
  actor: AuditActor,
): Promise<ResizeOutcome> {
  const vm = await authorizeVm(person, vmId, "resize");
  if (vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || ["provisioning", "failed", "missing"].includes(vm.state)) {
    throw conflict(message("errors.vm.busy"));
  }
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(wanted);
  if (!size.success) {
    const [issue] = size.error.issues;
    throw invalid(issue!.message, String(issue!.path[0]));
  }
  if (size.data.diskGb < vm.diskGb)
    throw invalid(message("errors.vm.diskShrink", { diskGb: vm.diskGb }), "diskGb");
  const before = { cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb };
  const grow = {
    cores: Math.max(0, size.data.cores - vm.cores),
    memoryMb: Math.max(0, size.data.memoryMb - vm.memoryMb),
    diskGb: size.data.diskGb - vm.diskGb,
  };
  await withinQuota(accountOf(vm), grow, (tx) => updateVm({ id: vm.id, ...size.data }, tx));
  const client = await getProxmoxClient(vm.clusterId);
  const placed = { id: vm.id, node: vm.node, vmid: vm.vmid, name: vm.name };
  try {
    await onCurrentNode(client, placed, (node) =>
      client.qemu.updateConfig(node, placed.vmid, {
        cores: size.data.cores,
        memory: String(size.data.memoryMb),
      }),
    );
    if (grow.diskGb > 0) {
      const config = await onCurrentNode(client, placed, (node) => client.qemu.config(node, placed.vmid));
      const disk = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
      const task = await onCurrentNode(client, placed, (node) =>
        client.qemu.resize(node, placed.vmid, disk, `${size.data.diskGb}G`),
      );
      if (task) await client.tasks.wait(task);
    }
  } catch (error) {
    await updateVm({ id: vm.id, ...before });
    if (isProxmoxError(error))
      throw conflict(
        message("errors.vm.proxmoxRefused", {
          reason: error.kind === "task-failed" ? error.message : (error.reason ?? error.message),
        }),
      );
    throw error;
  }
  const pending = (await onCurrentNode(client, placed, (node) => client.qemu.pending(node, placed.vmid)))
    .filter((entry) => entry.pending !== undefined)
    .map((entry) => entry.key);
  await recordVmEvent({
    vmId: vm.id,
    kind: "resized",
    message: message("timeline.resized", {
      cores: size.data.cores,
      memory: formatMemory(size.data.memoryMb),
      disk: formatGiB(size.data.diskGb),
      atBoot: pending.length ? "yes" : "no",
    }),
    actor,
    detail: { before, after: size.data },
  });
  return { pendingUntilReboot: pending.filter((key) => key === "cores" || key === "memory") };
}
