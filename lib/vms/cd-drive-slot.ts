/**
 * Which drive slot is the VM's CD drive. The cloud-init drive is a CD-ROM too (PVE puts it on ide2 in
 * its own recipe), and writing an ISO over it makes Proxmox free the cloud-init volume for good
 * (qemu-server vmconfig_register_unused_drive), so the CD drive is never the slot holding it.
 */
// qemu-server Drive.pm drive_is_cloudinit, on the volume before the options: `local-lvm:vm-100-cloudinit`,
// and on directory storages `local:100/vm-100-cloudinit.qcow2`.
const cloudinitVolume = /[:/](?:(?:vm|base)-\d+-)?cloudinit(?:\.(?:raw|cow|qcow|qed|qcow2|vmdk|cloop))?$/;
/** ide2 first: where Proxmox's GUI and the portal's ISO VMs put the CD drive. */
const freeSlotOrder = ["ide2", "ide0", "ide1", "ide3", "sata0", "sata1", "sata2", "sata3", "sata4", "sata5"];

export function isCloudinitDrive(value: unknown): boolean {
  return typeof value === "string" && cloudinitVolume.test(value.split(",")[0]!);
}

function isCdrom(value: unknown): boolean {
  return typeof value === "string" && /(^|,)media=cdrom(,|$)/.test(value);
}

/** The CD drive that exists: a cdrom slot (ide or sata) holding no cloud-init volume, or null. */
export function existingCdSlot(config: Record<string, unknown>): string | null {
  return freeSlotOrder.find((slot) => isCdrom(config[slot]) && !isCloudinitDrive(config[slot])) ?? null;
}

/** Where an ISO goes: the existing CD drive, else the first free ide or sata slot, else null (all taken). */
export function cdSlotForInsert(config: Record<string, unknown>): string | null {
  return existingCdSlot(config) ?? freeSlotOrder.find((slot) => config[slot] === undefined) ?? null;
}
