import { describe, expect, it } from "vitest";
import { cdSlotForInsert, existingCdSlot } from "@/lib/vms/cd-drive-slot";

const cloudinit = "local-lvm:vm-120-cloudinit,media=cdrom";

describe("the CD drive's slot", () => {
  it("is never the slot holding the cloud-init drive: a template VM gets the next free ide slot", () => {
    const config = { scsi0: "local-lvm:vm-120-disk-0,size=8G", ide2: cloudinit };
    expect(existingCdSlot(config)).toBeNull();
    expect(cdSlotForInsert(config)).toBe("ide0");
  });

  it("knows a cloud-init drive on a directory storage too, as drive_is_cloudinit does", () => {
    expect(existingCdSlot({ ide2: "local:120/vm-120-cloudinit.qcow2,media=cdrom" })).toBeNull();
    expect(existingCdSlot({ ide2: "local:iso/cloudinit-notes.iso,media=cdrom" })).toBe("ide2");
  });

  it("is the existing CD drive when there is one, even beside a cloud-init drive", () => {
    expect(cdSlotForInsert({ ide2: cloudinit, ide0: "none,media=cdrom" })).toBe("ide0");
    expect(existingCdSlot({ ide2: "local:iso/a.iso,media=cdrom" })).toBe("ide2");
    expect(existingCdSlot({ sata1: "local:iso/a.iso,media=cdrom", ide0: "local-lvm:vm-1-disk-1" })).toBe(
      "sata1",
    );
  });

  it("is ide2 on a VM without any CD drive, and none when every ide and sata slot is taken", () => {
    expect(cdSlotForInsert({ scsi0: "local-lvm:vm-100-disk-0" })).toBe("ide2");
    const full = Object.fromEntries(
      ["ide0", "ide1", "ide2", "ide3", "sata0", "sata1", "sata2", "sata3", "sata4", "sata5"].map((slot) => [
        slot,
        `local-lvm:vm-1-${slot}`,
      ]),
    );
    expect(cdSlotForInsert(full)).toBeNull();
  });
});
