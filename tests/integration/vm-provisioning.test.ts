import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { insertNetworks, listEnabledNetworks } from "@/db/queries/networks";
import { type Template, vms } from "@/db/schema";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { abandonProvisioning } from "@/lib/vms/fail-provisioning";
import { provisionVm } from "@/lib/vms/provision-vm";
import { requestVm } from "@/lib/vms/request-vm";
import { sshKeys } from "../fixtures/ssh-keys";
import { approveDebianTemplate } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0.2 } });
let template: Template;
let owner: { id: string; label: string; username: string };

beforeAll(async () => {
  template = await approveDebianTemplate();
  const user = await createUserWithSession("alice", "member");
  owner = { id: user.id, label: "Alice", username: "alice" };
});

const fast = { addressWaitMs: 5000, pollMs: 50 };
const request = (name: string) => ({ templateId: template.id, name, cores: 2, memoryMb: 2048, diskGb: 10 });

async function vmsOnCluster(name: string) {
  return (await cluster.client.resources.get({ maxAgeMs: 0 })).filter(
    (item) => item.type === "qemu" && item.name === name,
  );
}

describe("making a VM from a template", () => {
  it("ends running, with an address, in the owner's pool, with cloud-init set and the disk grown", async () => {
    const requested = await requestVm(owner, request("web-1"));
    expect(requested.password).toMatch(/^[A-Za-z0-9]{16}$/);
    const vm = await provisionVm(
      cluster.client,
      { ...requested, sshKeys: [sshKeys.ed25519.line], owner },
      fast,
    );
    expect(vm).toMatchObject({
      state: "running",
      node: "pve1",
      stateDetail: null,
      ipAddress: expect.stringMatching(/^10\.42\./),
    });
    const config = await cluster.client.qemu.config("pve1", vm.vmid!);
    expect(config).toMatchObject({
      ciuser: "debian",
      cipassword: "**********",
      cores: "2",
      memory: "2048",
      tags: "roost",
    });
    expect(config.scsi0).toMatch(/size=10G/);
    expect(decodeURIComponent(config.sshkeys!)).toBe(sshKeys.ed25519.line);
    const sent = cluster.sim.state.vms.find((candidate) => candidate.vmid === vm.vmid)!.config.cipassword!;
    expect(sent).toMatch(/^\$6\$/);
    expect(sent).not.toContain(requested.password);
    expect((await cluster.client.pool("roost-alice"))?.members?.map((m) => m.vmid)).toEqual([vm.vmid]);
  });

  it("refuses a second VM of the same name, a disk below the template's, and an unknown template", async () => {
    await expect(requestVm(owner, request("web-1"))).rejects.toThrow("You already have a VM called web-1.");
    await expect(requestVm(owner, { ...request("tiny"), diskGb: 2 })).rejects.toThrow(
      "Pick between 8 and 200 GiB of disk.",
    );
    await expect(
      requestVm(owner, { ...request("ghost"), templateId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toThrow("That template is not available any more.");
  });

  it.each([
    [
      "the clone task fails",
      { failTasks: [{ type: "qmclone", message: "clone failed: out of space" }] },
      /out of space/,
    ],
    [
      "the VM cannot start",
      { failTasks: [{ type: "qmstart", message: "start failed: kvm: cannot allocate memory" }] },
      /cannot allocate memory/,
    ],
    [
      "Proxmox answers 500",
      { errors: [{ path: "/clone$", status: 500, message: "internal error", rate: 1 }] },
      /Proxmox refused/,
    ],
    ["the node goes offline", { offlineNodes: ["pve1"] }, /No server in the cluster has room|went offline/],
  ])("leaves nothing behind when %s, releases the quota and says why", async (_what, faults, reason) => {
    const before = await getQuotaStatus(userAccount(owner.id));
    const requested = await requestVm(owner, request(`doomed-${Math.random().toString(36).slice(2, 8)}`));
    cluster.sim.setFaults(faults);
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    cluster.sim.setFaults({ failTasks: [], errors: [], offlineNodes: [] });
    expect(vm.state).toBe("failed");
    expect(vm.stateDetail).toMatch(reason);
    expect(await vmsOnCluster(vm.name)).toEqual([]);
    expect((await getQuotaStatus(userAccount(owner.id))).usage).toEqual(before.usage);
  });
});

describe("the network a member picks", () => {
  it("attaches the VM to the approved bridge and VLAN, and refuses one not approved", async () => {
    await insertNetworks([{ clusterId: "sim", bridge: "vmbr1", vlan: 20, label: "Students VLAN 20" }]);
    const [network] = await listEnabledNetworks();
    const requested = await requestVm(owner, { ...request("on-vlan"), networkId: network!.id });
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    expect((await cluster.client.qemu.config(vm.node!, vm.vmid!)).net0).toMatch(
      /^virtio=BC:24:11(:[0-9A-F]{2}){3},bridge=vmbr1,tag=20$/,
    );
    await expect(
      requestVm(owner, { ...request("nowhere"), networkId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toThrow("That network is not available.");
  });
});

describe("a restart in the middle of provisioning", () => {
  it("removes the half-made VM and releases the quota", async () => {
    const before = await getQuotaStatus(userAccount(owner.id));
    const requested = await requestVm(owner, request("interrupted"));
    const vmid = await cluster.client.nextVmid();
    await cloneMemberVm(cluster.client, { newid: vmid, name: "interrupted" });
    await getDb().update(vms).set({ vmid, node: "pve1" }).where(eq(vms.id, requested.vm.id));
    const [stuck] = await getDb().select().from(vms).where(eq(vms.id, requested.vm.id));
    await abandonProvisioning(cluster.client, stuck!, { id: null, label: "system" });
    expect(await vmsOnCluster("interrupted")).toEqual([]);
    const [after] = await getDb().select().from(vms).where(eq(vms.id, requested.vm.id));
    expect(after).toMatchObject({
      state: "failed",
      vmid: null,
      stateDetail: expect.stringMatching(/restarted/),
    });
    expect((await getQuotaStatus(userAccount(owner.id))).usage).toEqual(before.usage);
  });
});

describe("quota under concurrent requests", () => {
  it("lets 3 of 20 simultaneous requests through for a member with room for 3", async () => {
    const racer = await createUserWithSession("racer", "member");
    await giveQuota(racer.id, { vms: 3, cores: 100, memoryMb: 100_000, diskGb: 1000, snapshots: 5 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        requestVm({ id: racer.id, label: "racer" }, request(`race-${index}`)),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(await getDb().select().from(vms).where(eq(vms.ownerId, racer.id))).toHaveLength(3);
  });
});
