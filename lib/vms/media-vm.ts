import "server-only";
import { getEnabledIso } from "@/db/queries/isos";
import { getVmForOwner } from "@/db/queries/vms";
import { ActionError } from "@/lib/actions/validated-action";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { isProxmoxError } from "@/lib/proxmox";
import { recordVmEvent } from "./vm-timeline";

async function ownedVm(vmId: string, ownerId: string) {
  const vm = await getVmForOwner({ vmId, ownerId });
  if (!vm || vm.state === "deleted") throw new ActionError("Not found.", 404);
  if (!vm.node || vm.vmid === null || ["provisioning", "failed", "missing"].includes(vm.state)) {
    throw new ActionError("This VM cannot be changed right now.", 409);
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

async function apply(vm: { clusterId: string; node: string; vmid: number }, params: Record<string, string>) {
  try {
    await (await getProxmoxClient(vm.clusterId)).qemu.updateConfig(vm.node, vm.vmid, params);
  } catch (error) {
    if (isProxmoxError(error))
      throw new ActionError(`Proxmox refused: ${error.reason ?? error.message}.`, 409);
    throw error;
  }
}

/** Puts an approved ISO in the VM's CD drive, or empties the drive (isoId null). */
export async function setOwnedVmCdrom(
  vmId: string,
  ownerId: string,
  isoId: string | null,
  actor: AuditActor,
) {
  const vm = await ownedVm(vmId, ownerId);
  const iso = isoId ? await getEnabledIso({ id: isoId }) : null;
  if (isoId && (!iso || iso.clusterId !== vm.clusterId)) throw new ActionError("That ISO is not available.");
  await apply(vm, { ide2: `${iso ? iso.volid : "none"},media=cdrom` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: iso ? `Inserted ${iso.label}` : "Ejected the CD",
    actor,
  });
}

/** Boots from the disk or from the CD drive first. */
export async function setOwnedVmBootOrder(
  vmId: string,
  ownerId: string,
  first: "disk" | "cdrom",
  actor: AuditActor,
) {
  const vm = await ownedVm(vmId, ownerId);
  const config = await (await getProxmoxClient(vm.clusterId)).qemu.config(vm.node, vm.vmid);
  const disk = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
  const order = first === "disk" ? [disk, "ide2"] : ["ide2", disk];
  await apply(vm, { boot: `order=${order.join(";")}` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: `Boots from the ${first === "disk" ? "disk" : "CD"} first`,
    actor,
  });
}
