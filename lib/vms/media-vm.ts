import "server-only";
import { getEnabledIso } from "@/db/queries/isos";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { isProxmoxError } from "@/lib/proxmox";
import { cdSlotForInsert, existingCdSlot } from "./cd-drive-slot";
import { onCurrentNode, type PlacedVm } from "./vm-location";
import { recordVmEvent } from "./vm-timeline";

async function mediaVm(vmId: string, person: Person) {
  const vm = await authorizeVm(person, vmId, "media");
  if (vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || ["provisioning", "failed", "missing"].includes(vm.state)) {
    throw conflict(message("errors.vm.busy"));
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

async function apply(vm: PlacedVm & { clusterId: string }, params: Record<string, string>) {
  const client = await getProxmoxClient(vm.clusterId);
  try {
    await onCurrentNode(client, vm, (node) => client.qemu.updateConfig(node, vm.vmid, params));
  } catch (error) {
    if (isProxmoxError(error))
      throw conflict(message("errors.vm.proxmoxRefused", { reason: error.reason ?? error.message }));
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
export async function setOwnedVmCdrom(vmId: string, person: Person, isoId: string | null, actor: AuditActor) {
  const vm = await mediaVm(vmId, person);
  const iso = isoId ? await getEnabledIso({ id: isoId }) : null;
  if (isoId && (!iso || iso.clusterId !== vm.clusterId))
    throw invalid(message("errors.vm.isoUnavailable"), "isoId");
  const config = await configOf(vm);
  const slot = iso ? cdSlotForInsert(config) : existingCdSlot(config);
  if (iso && !slot) throw conflict(message("errors.vm.noFreeSlot"));
  if (slot) await apply(vm, { [slot]: `${iso ? iso.volid : "none"},media=cdrom` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: iso ? message("timeline.isoInserted", { iso: iso.label }) : message("timeline.cdEjected"),
    actor,
  });
}

/** Boots from the disk or from the CD drive first; the CD drive is the one `setOwnedVmCdrom` uses. */
export async function setOwnedVmBootOrder(
  vmId: string,
  person: Person,
  first: "disk" | "cdrom",
  actor: AuditActor,
) {
  const vm = await mediaVm(vmId, person);
  const config = await configOf(vm);
  const disk = ["scsi0", "virtio0", "sata0"].find((key) => config[key]) ?? "scsi0";
  const cd = existingCdSlot(config);
  if (first === "cdrom" && !cd) throw conflict(message("errors.vm.noCdDrive"));
  const order = first === "disk" ? [disk, ...(cd ? [cd] : [])] : [cd!, disk];
  await apply(vm, { boot: `order=${order.join(";")}` });
  await recordVmEvent({
    vmId: vm.id,
    kind: "media",
    message: message(first === "disk" ? "timeline.bootsFromDisk" : "timeline.bootsFromCd"),
    actor,
  });
}
