import { describe, expect, it, vi } from "vitest";
import type { Template } from "@/db/schema";
import { cipasswordFor, guestPassword, isWindowsOstype, passwordRoute } from "@/lib/vms/guest-password";

vi.hoisted(() => {
  process.env.ROOST_SECRET_KEY = "unit-test-key-of-at-least-32-characters!!";
});

const template = (os: string) => ({ label: "Some OS", vmid: 9100, os }) as Template;
const cloudinit = { ide2: "local-lvm:vm-9100-cloudinit,media=cdrom" };

describe("which VMs Proxmox treats as Windows (qemu-server windows_version)", () => {
  it("is the Windows ostypes and no other", () => {
    for (const ostype of ["wxp", "w2k", "w2k3", "w2k8", "wvista", "win7", "win10", "win11"])
      expect(isWindowsOstype(ostype)).toBe(true);
    for (const ostype of ["l26", "l24", "other", "solaris", undefined, "windows"])
      expect(isWindowsOstype(ostype)).toBe(false);
  });
});

describe("whether a template can take the one-time password", () => {
  it("a Windows or Linux template with a cloud-init drive can, on a dir storage too", () => {
    expect(passwordRoute(template("Windows"), { ostype: "win11", ...cloudinit })).toEqual({ windows: true });
    expect(
      passwordRoute(template("Linux"), { ostype: "l26", sata1: "local:9100/vm-9100-cloudinit.qcow2" }),
    ).toEqual({ windows: false });
  });

  it("one without a cloud-init drive cannot, and the member is told an admin must add one", () => {
    const route = passwordRoute(template("win11"), {
      ostype: "win11",
      ide2: "local:iso/virtio-win.iso,media=cdrom",
    });
    expect(route).toEqual({
      refusal: expect.stringContaining("no cloud-init drive, through which cloudbase-init"),
    });
    expect(passwordRoute(template("Linux"), { ostype: "l26" })).toEqual({
      refusal: expect.stringContaining("Ask an admin to add a CloudInit drive to template 9100."),
    });
  });
});

describe("what provisioning sends as cipassword, checked against the clone's ostype", () => {
  it("a Windows clone gets the plain password back out of its seal; a seal for another VM does not open", async () => {
    const sealed = await guestPassword("vm-a", "Pa55word-plain", true);
    expect(JSON.stringify(sealed)).not.toContain("Pa55word-plain");
    expect(cipasswordFor("vm-a", sealed, "win11")).toBe("Pa55word-plain");
    expect(() => cipasswordFor("vm-b", sealed, "win11")).toThrow(/cannot be decrypted/);
  });

  it("a hash never goes to a Windows clone, and a plain password never to a Linux one", async () => {
    const hashed = await guestPassword("vm-c", "Pa55word-plain", false);
    expect(cipasswordFor("vm-c", hashed, "l26")).toMatch(/^\$6\$/);
    expect(() => cipasswordFor("vm-c", hashed, "win11")).toThrow(/became a Windows one/);
    expect(cipasswordFor("vm-d", await guestPassword("vm-d", "Pa55word-plain", true), "l26")).toMatch(
      /^\$6\$/,
    );
  });
});
