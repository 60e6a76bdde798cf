import { describe, expect, it } from "vitest";
import {
  decodeSshKeys,
  encodeSshKeys,
  formatPropertyString,
  formatUpid,
  parsePropertyString,
  parseUpid,
  taskSucceeded,
} from "@/lib/proxmox";
import { progressFromLog } from "@/lib/proxmox/tasks";
import { encodeParams } from "@/lib/proxmox/wire";
import { sshKeys } from "../fixtures/ssh-keys";

describe("PVE's wire format", () => {
  it("encodes sshkeys twice, as PVE demands: URL-encoded, then form-encoded", () => {
    const keys = [sshKeys.ed25519.line, `${sshKeys.rsa3072.line} with spaces+plus=equals`];
    const once = encodeSshKeys(keys);
    expect(once).toMatch(/^[-%a-zA-Z0-9_.!~*'()]*$/);
    expect(once).toContain("%20");
    expect(once).not.toContain("+");
    const body = encodeParams({ sshkeys: once }).toString();
    expect(body).toContain("%2520");
    expect(decodeSshKeys(new URLSearchParams(body).get("sshkeys")!)).toEqual(keys);
  });

  it("percent-encodes ; and = inside values, which PVE's decoder would otherwise split on", () => {
    const body = encodeParams({ boot: "order=scsi0;ide2", cipassword: "a;b=c&d e" }).toString();
    expect(body).toBe("boot=order%3Dscsi0%3Bide2&cipassword=a%3Bb%3Dc%26d+e");
  });

  it("sends booleans as 0 and 1 and leaves out what is unset", () => {
    expect(
      encodeParams({ full: true, onboot: false, pool: undefined, name: null, cores: 2 }).toString(),
    ).toBe("full=1&onboot=0&cores=2");
  });

  it("writes and reads property strings, refusing values that would break them", () => {
    expect(
      formatPropertyString("virtio", { bridge: "vmbr0", tag: 20, firewall: true, rate: undefined }),
    ).toBe("virtio,bridge=vmbr0,tag=20,firewall=1");
    expect(parsePropertyString("local-lvm:vm-100-disk-0,size=32G,discard=on", "file")).toEqual({
      file: "local-lvm:vm-100-disk-0",
      size: "32G",
      discard: "on",
    });
    expect(() => formatPropertyString(undefined, { ip: "10.0.0.5/24,gw=evil" })).toThrow(
      /cannot contain a comma/,
    );
  });

  it("parses and writes UPIDs, token users included", () => {
    const upid = "UPID:pve1:0000A1B2:0012C3D4:6650F00D:qmstart:100:roost@pve!portal:";
    expect(parseUpid(upid)).toEqual({
      upid,
      node: "pve1",
      pid: 0xa1b2,
      pstart: 0x12c3d4,
      starttime: 0x6650f00d,
      type: "qmstart",
      id: "100",
      user: "roost@pve!portal",
    });
    expect(formatUpid(parseUpid(upid)!)).toBe(upid);
    expect(parseUpid("UPID:pve1:bad")).toBeNull();
  });

  it("treats OK and WARNINGS as success and anything else as the error text", () => {
    expect(taskSucceeded("OK")).toBe(true);
    expect(taskSucceeded("WARNINGS: 2")).toBe(true);
    expect(taskSucceeded("VM 100 already running")).toBe(false);
    expect(taskSucceeded(undefined)).toBe(false);
  });

  it("reads progress from the latest percentage in a task log", () => {
    expect(
      progressFromLog([
        { t: "create full clone of drive scsi0" },
        { t: "drive-scsi0: transferred 1.0 GiB of 4.0 GiB (25.00%)" },
        { t: "drive-scsi0: transferred 2.0 GiB of 4.0 GiB (50.00%)" },
      ]),
    ).toEqual({
      percent: 50,
      line: "drive-scsi0: transferred 2.0 GiB of 4.0 GiB (50.00%)",
    });
    expect(progressFromLog([{ t: "starting" }]).percent).toBeNull();
  });
});
