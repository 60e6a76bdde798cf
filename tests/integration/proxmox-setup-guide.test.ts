import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSshKeys, ProxmoxClient } from "@/lib/proxmox";
import { checkPortalPrivileges } from "@/lib/proxmox/check-privileges";
import {
  adoptAnyVmGrant,
  backupStorageGrant,
  backupVmsGrant,
  PORTAL_ROLE,
  portalAccessPlan,
  portalPrivileges,
} from "@/lib/proxmox/portal-access";
import { applyPveum, formatPveum } from "@/lib/proxmox/pveum";
import { sshKeys } from "../fixtures/ssh-keys";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { guideCommands } from "../helpers/setup-guide";

const portal = { userid: "roost@pve", tokenName: "portal" };
const releases = [
  { major: 9, pveVersion: "9.1" },
  { major: 8, pveVersion: "8.4" },
] as const;
/** The paths the demo's catalog would approve: template 9000, its storages, the bridge and a VLAN on it. */
const approved = {
  templateVmids: [9000],
  storages: ["local-lvm", "local"],
  networks: [
    { bridge: "vmbr0", vlan: null },
    { bridge: "vmbr0", vlan: 20 },
  ],
};

describe("docs/proxmox-setup.md", () => {
  it.each(releases)(
    "gives, on PVE $major, exactly the roles, user, token and ACLs the portal checks for",
    ({ major }) => {
      const { steps, optional } = guideCommands(major);
      expect(steps.map(formatPveum)).toEqual(
        portalAccessPlan({ ...portal, major, templateVmids: [9000] }).map(formatPveum),
      );
      expect(optional.map(formatPveum)).toEqual([
        formatPveum(adoptAnyVmGrant(portal)),
        formatPveum(backupStorageGrant(portal, "pbs")),
        formatPveum(backupVmsGrant(portal)),
      ]);
    },
  );
});

describe.each(releases)("the guide replayed on a fresh PVE $pveVersion cluster", ({ major, pveVersion }) => {
  let cluster: TestCluster;
  let token: ProxmoxClient;

  beforeAll(async () => {
    cluster = await startTestCluster({ pveVersion }, {}, { superuser: true });
    let secret = "";
    // As root on a node: each pveum line of the guide, run as the API call pveum makes.
    for (const command of guideCommands(major).steps)
      secret = (await applyPveum(cluster.admin.access, command)).secret ?? secret;
    token = new ProxmoxClient(
      { ...cluster.admin.cluster, id: "guide", tokenId: "roost@pve!portal", tokenSecret: secret },
      { timeoutMs: 5000 },
    );
  });
  afterAll(async () => {
    token?.close();
    await cluster?.close();
  });

  it("makes a token that lacks nothing the portal checks for", async () => {
    expect((await checkPortalPrivileges(token, approved)).missing).toEqual([]);
  });

  it("makes a token that runs a VM's whole life, from a template and from an ISO", async () => {
    const wait = async (upid: Promise<string | null>) => {
      const id = await upid;
      if (id) await token.tasks.wait(id, { initialDelayMs: 20 });
    };
    await token.createPool("roost-alice", "alice's VMs");
    expect((await token.pools()).map((pool) => pool.poolid)).toContain("roost-alice");
    expect((await token.nodeStatus("pve1")).memory?.total).toBeGreaterThan(0);
    expect((await token.storageContent("pve1", "local", { content: "iso" })).length).toBeGreaterThan(0);
    const vmid = await token.nextVmid();
    await wait(token.qemu.clone("pve1", 9000, { newid: vmid, name: "web-1", pool: "roost-alice" }));
    await token.qemu.updateConfig("pve1", vmid, {
      tags: "roost",
      ciuser: "alice",
      cipassword: "$6$rounds=5000$salt$hash",
      sshkeys: encodeSshKeys([sshKeys.ed25519.line]),
      ipconfig0: "ip=dhcp",
      net0: "virtio,bridge=vmbr0,tag=20",
      cores: 2,
      memory: "2048",
    });
    await wait(token.qemu.resize("pve1", vmid, "scsi0", "12G"));
    await wait(token.qemu.power("pve1", vmid, "start"));
    expect((await token.resources.get({ maxAgeMs: 0 })).some((item) => item.vmid === vmid)).toBe(true);
    await token.qemu.config("pve1", vmid);
    await token.qemu.rrd("pve1", vmid, "hour");
    await token.qemu.guestAddresses("pve1", vmid).catch(() => null);
    expect((await token.console.vncproxy("pve1", vmid)).port).toBeGreaterThanOrEqual(5900);
    await wait(token.qemu.createSnapshot("pve1", vmid, "before", { description: "", vmstate: false }));
    // A snapshot without RAM rolls back to a stopped VM (qemu-server snapshot_rollback).
    await wait(token.qemu.rollbackSnapshot("pve1", vmid, "before"));
    await wait(token.qemu.deleteSnapshot("pve1", vmid, "before"));
    await wait(token.qemu.power("pve1", vmid, "start"));
    for (const action of ["reboot", "suspend", "resume", "shutdown"] as const)
      await wait(token.qemu.power("pve1", vmid, action));
    expect((await token.tasks.list("pve1", { vmid, source: "all" })).length).toBeGreaterThan(5);
    await wait(token.qemu.destroy("pve1", vmid));

    const isoVmid = await token.nextVmid();
    await wait(
      token.qemu.create("pve2", isoVmid, {
        name: "installer",
        pool: "roost-alice",
        ide2: "local:iso/debian-13.1.0-amd64-netinst.iso,media=cdrom",
        scsi0: "local-lvm:8",
        net0: "virtio,bridge=vmbr0",
        ostype: "l26",
        cores: 1,
        memory: "1024",
      }),
    );
    await wait(token.qemu.power("pve2", isoVmid, "start"));
    await token.qemu.updateConfig("pve2", isoVmid, { ide2: "none,media=cdrom" });
    await wait(token.qemu.power("pve2", isoVmid, "stop"));
    await wait(token.qemu.destroy("pve2", isoVmid));
  });

  it("leaves the portal no VM outside a pool, and no clone of a VM that is not an approved template", async () => {
    await cluster.admin.tasks.wait(
      await cluster.admin.qemu.clone("pve1", 9001, { newid: 990, name: "admins" }),
      {
        initialDelayMs: 20,
      },
    );
    await expect(token.qemu.config("pve1", 990)).rejects.toMatchObject({ status: 403 });
    await expect(
      token.qemu.clone("pve1", 9001, { newid: 991, name: "copied", pool: "roost-alice" }),
    ).rejects.toMatchObject({ status: 403 });
    // The /pool grant reaches every pool, the admins' own too: the guide says so, and the portal keeps
    // away from the pools named in Admin → Settings.
    expect((await token.qemu.config("pve2", 100)).name).toBe("infra-dns");
  });

  it("with one privilege left out of the portal's role, names it, its path and the commands that grant it", async () => {
    const all = portalPrivileges(major);
    const unnamed: string[] = [];
    for (const privilege of all) {
      await cluster.admin.access.updateRole(
        PORTAL_ROLE,
        all.filter((other) => other !== privilege),
      );
      const { missing } = await checkPortalPrivileges(token, approved);
      const named = missing.filter((gap) => gap.missing.includes(privilege));
      const grants = named.flatMap((gap) => gap.fix.map(formatPveum));
      if (
        named.length === 0 ||
        missing.some((gap) => gap.missing.some((other) => other !== privilege)) ||
        !grants.includes(`pveum role modify ${PORTAL_ROLE} --privs ${privilege} --append 1`)
      )
        unnamed.push(privilege);
    }
    await cluster.admin.access.updateRole(PORTAL_ROLE, all);
    expect(unnamed).toEqual([]);
  });
});
