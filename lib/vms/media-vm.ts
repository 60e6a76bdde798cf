import "server-only";
import { getEnabledIso } from "@/db/queries/isos";
import { getVmForOwner } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { isProxmoxError } from "@/lib/proxmox";
import { cdSlotForInsert, existingCdSlot } from "./cd-drive-slot";
import { onCurrentNode, type PlacedVm } from "./vm-location";
import { recordVmEvent } from "./vm-timeline";

async function ownedVm(vmId: string, ownerId: string) {
  const vm = await getVmForOwner({ id: vmId, ownerId });
  if (!vm || vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || ["provisioning", "failed", "missing"].includes(vm.state)) {
    throw conflict("This VM cannot be changed right now.");
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

async function apply(vm: PlacedVm & { clusterId: string }, params: Record<string, string>) {
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, (node) => client.qemu.updateConfig(node, vm.vmid, params));
  } catch (error) {
    if (isProxmoxError(error)) throw conflict(`Proxmox refused: ${error.reason ?? error.message}.`);
    throw error;
  }
}

async function configOf(vm: PlacedVm & { clusterId: string }) {
  const client = await getProxmoxClient(vm.clusterId);
  return onCurrentNode(client, vm, (node) => client.qemu.config(node, vm.vmid));
}

/**
 * Puts an approved ISO in the VM's CD drive, or empties it (isoId null). The drive is a CD slot that
 * holds no cloud-init volume, or a free one, so a template's cloud-init drive is never overwritten.
 */
export async function setOwnedVmCdrom(
  vmId: string,
  ownerId: string,
  isoId: string | null,
  actor: AuditActor,
) {
  const vm = await ownedVm(vmId, ownerId);
  const iso = isoId ? await getEnabledIso({ id: isoId }) : null;
  if (isoId && (!iso || iso.clusterId !== vm.clusterId)) throw invalid("That ISO is not available.", "isoId");
  const config = await configOf(vm);
  const slot = iso ? cdSlotForInsert(config) : existingCdSlot(config);
  if (iso && !slot) throw conflict("This VM has no free drive slot for a CD.");
  if (slot) await apply(vm, { [slot]: `${iso ? iso.volid : "none"},media=cdrom` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: iso ? `Inserted ${iso.label}` : "Ejected the CD",
    actor,
  });
}

/** Boots from the disk or from the CD drive first; the CD drive is the one `setOwnedVmCdrom` uses. */
export async function setOwnedVmBootOrder(
  vmId: string,
  ownerId: string,
  first: "disk" | "cdrom",
  actor: AuditActor,
) {
  const vm = await ownedVm(vmId, ownerId);
  const config = await configOf(vm);
  const disk = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
  const cd = existingCdSlot(config);
  if (first === "cdrom" && !cd) throw conflict("This VM has no CD drive yet; insert an ISO first.");
  const order = first === "disk" ? [disk, ...(cd ? [cd] : [])] : [cd!, disk];
  await apply(vm, { boot: `order=${order.join(";")}` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: `Boots from the ${first === "disk" ? "disk" : "CD"} first`,
    actor,
  });
}
