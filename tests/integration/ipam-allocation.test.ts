import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createVmAction } from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { getVmById } from "@/db/queries/vms";
import { ipAddresses, jobs, type Template, vms } from "@/db/schema";
import { getVmAddressing } from "@/lib/ipam/vm-addressing";
import { macAddressOf } from "@/lib/proxmox";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { setSetting } from "@/lib/settings/settings";
import { deleteOwnedVm } from "@/lib/vms/operate-vm";
import { provisionIsoVm, requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { provisionVm } from "@/lib/vms/provision-vm";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { requestVm, VmRequestError } from "@/lib/vms/request-vm";
import { approveDebianTemplate } from "../helpers/fixtures";
import { createTestPool } from "../helpers/ipam";
import { actAs, createUserWithSession } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0.2 } });
let template: Template;
let owner: { id: string; label: string; username: string; token: string };

beforeAll(async () => {
  template = await approveDebianTemplate();
  const user = await createUserWithSession("alice", "member");
  owner = { ...user, label: "Alice" };
  await giveQuota(owner.id, { vms: 50, cores: 100, memoryMb: 100_000, diskGb: 1000, snapshots: 5 });
});

const fast = { addressWaitMs: 5000, pollMs: 50 };
const request = (name: string, networkId?: string) => ({
  templateId: template.id,
  networkId,
  name,
  cores: 1,
  memoryMb: 1024,
  diskGb: 10,
});

async function addressesOf(poolId: string, { active }: { active: boolean }) {
  return getDb()
    .select()
    .from(ipAddresses)
    .where(and(eq(ipAddresses.poolId, poolId), active ? isNull(ipAddresses.releasedAt) : undefined));
}

describe("a VM on a network with an IP pool", () => {
  it("gets the lowest free address, its gateway, DNS servers and search domain through cloud-init, and its MAC is recorded", async () => {
    const { network } = await createTestPool({
      vlan: 30,
      cidr: "10.30.0.0/24",
      gateway: "10.30.0.1",
      rangeStart: "10.30.0.10",
      rangeEnd: "10.30.0.19",
      dnsServers: ["10.30.0.2", "10.30.0.3"],
      domain: "vlan30.example.org",
    });
    const requested = await requestVm(owner, request("web-1", network.id));
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    expect(vm).toMatchObject({ state: "running", ipAddress: "10.30.0.10" });
    const config = await cluster.client.qemu.config(vm.node!, vm.vmid!);
    expect(config).toMatchObject({
      ipconfig0: "ip=10.30.0.10/24,gw=10.30.0.1",
      nameserver: "10.30.0.2 10.30.0.3",
      searchdomain: "vlan30.example.org",
    });
    expect(vm.macAddress).toMatch(/^bc:24:11(:[0-9a-f]{2}){3}$/);
    expect(vm.macAddress).toBe(macAddressOf(config.net0));
    expect(await getVmAddressing(vm.id)).toMatchObject({
      address: "10.30.0.10",
      fqdn: "web-1.vlan30.example.org",
    });
  });

  it("installing from an ISO, gets an address for its MAC, which the DHCP exports carry", async () => {
    const { network } = await createTestPool({
      vlan: 32,
      cidr: "10.32.0.0/24",
      rangeStart: "10.32.0.10",
      rangeEnd: "10.32.0.19",
      domain: "vlan32.example.org",
    });
    await insertIsos([
      { clusterId: "sim", volid: "local:iso/debian-13.1.0-amd64-netinst.iso", label: "Debian 13 netinst" },
    ]);
    const [iso] = await listEnabledIsos();
    const requested = await requestIsoVm(owner, {
      isoId: iso!.id,
      networkId: network.id,
      name: "installer",
      cores: 1,
      memoryMb: 1024,
      diskGb: 10,
      diskBus: "scsi",
      nicModel: "virtio",
      uefi: false,
    });
    const vm = await provisionIsoVm(cluster.client, { ...requested, owner });
    const config = await cluster.client.qemu.config(vm.node!, vm.vmid!);
    expect(config.net0).toMatch(/,bridge=vmbr1,tag=32$/);
    expect(vm.macAddress).toBe(macAddressOf(config.net0));
    expect(await getVmAddressing(vm.id)).toMatchObject({
      address: "10.32.0.10",
      fqdn: "installer.vlan32.example.org",
    });
  });

  it("keeps plain DHCP on a network without a pool", async () => {
    const requested = await requestVm(owner, request("plain"));
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    const config = await cluster.client.qemu.config(vm.node!, vm.vmid!);
    expect(config.ipconfig0).toBe("ip=dhcp");
    expect(config.nameserver).toBeUndefined();
    expect(await getVmAddressing(vm.id)).toBeNull();
  });

  it("has a name unique within the pool's domain, and cannot take the name server's", async () => {
    const { network } = await createTestPool({
      vlan: 31,
      cidr: "10.31.0.0/24",
      rangeStart: "10.31.0.10",
      rangeEnd: "10.31.0.19",
      domain: "vlan31.example.org",
    });
    await requestVm(owner, request("db", network.id));
    const bob = await createUserWithSession("bob", "member");
    await expect(requestVm({ id: bob.id, label: "Bob" }, request("db", network.id))).rejects.toThrow(
      "db.vlan31.example.org is taken on VLAN 31; pick another name.",
    );
    await expect(requestVm({ id: bob.id, label: "Bob" }, request("ns", network.id))).rejects.toThrow(
      /kept for the network's own use/,
    );
  });
});

describe("a full pool", () => {
  it("stops creation with a clear error before anything is made on Proxmox, and takes no quota", async () => {
    const { network } = await createTestPool({
      vlan: 40,
      cidr: "10.40.0.0/24",
      rangeStart: "10.40.0.10",
      rangeEnd: "10.40.0.11",
      domain: "vlan40.example.org",
    });
    await requestVm(owner, request("full-1", network.id));
    await requestVm(owner, request("full-2", network.id));
    const usageBefore = (await getQuotaStatus(userAccount(owner.id))).usage;
    const vmsOnClusterBefore = cluster.sim.state.vms.length;
    const jobsBefore = (await getDb().select().from(jobs)).length;

    actAs(owner);
    const result = await createVmAction(request("one-too-many", network.id));
    expect(result).toEqual({
      ok: false,
      status: 400,
      error:
        "No address is free on VLAN 40: all 2 are in use or resting after a VM was deleted. Pick another network or ask an admin.",
      fieldErrors: {
        networkId: [
          "No address is free on VLAN 40: all 2 are in use or resting after a VM was deleted. Pick another network or ask an admin.",
        ],
      },
    });
    expect(cluster.sim.state.vms.length).toBe(vmsOnClusterBefore);
    expect((await getDb().select().from(jobs)).length).toBe(jobsBefore);
    expect((await getQuotaStatus(userAccount(owner.id))).usage).toEqual(usageBefore);
    expect(await getDb().select().from(vms).where(eq(vms.name, "one-too-many"))).toEqual([]);
  });
});

describe("a released address", () => {
  it("rests for the cool-down after its VM is deleted, then goes to the next VM", async () => {
    const { network, pool } = await createTestPool({
      vlan: 60,
      cidr: "10.60.0.0/24",
      rangeStart: "10.60.0.10",
      rangeEnd: "10.60.0.19",
      domain: "vlan60.example.org",
    });
    const first = await requestVm(owner, request("short-lived", network.id));
    const made = await provisionVm(cluster.client, { ...first, sshKeys: [], owner }, fast);
    expect(made.ipAddress).toBe("10.60.0.10");
    await deleteOwnedVm({
      vmId: made.id,
      person: { id: owner.id, role: "member" },
      confirmName: "short-lived",
      actor: owner,
    });
    const [released] = await addressesOf(pool.id, { active: false });
    expect(released).toMatchObject({ address: "10.60.0.10", vmId: made.id, releasedAt: expect.any(Date) });

    const second = await requestVm(owner, request("newcomer", network.id));
    expect((await getVmAddressing(second.vm.id))?.address).toBe("10.60.0.11");

    // An hour and a bit later (the default cool-down is 60 minutes) the address is free again.
    await getDb()
      .update(ipAddresses)
      .set({ releasedAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(ipAddresses.id, released!.id));
    const third = await requestVm(owner, request("late-comer", network.id));
    expect((await getVmAddressing(third.vm.id))?.address).toBe("10.60.0.10");
  });

  it("follows the cool-down setting", async () => {
    const { network, pool } = await createTestPool({
      vlan: 61,
      cidr: "10.61.0.0/24",
      rangeStart: "10.61.0.10",
      rangeEnd: "10.61.0.19",
      domain: "vlan61.example.org",
    });
    const first = await requestVm(owner, request("quick", network.id));
    await getDb()
      .update(ipAddresses)
      .set({ releasedAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(ipAddresses.vmId, first.vm.id));
    await getDb().update(vms).set({ state: "failed" }).where(eq(vms.id, first.vm.id));
    await setSetting("ipam.cooldownMinutes", 10, null);
    expect(
      (await getVmAddressing((await requestVm(owner, request("quick-2", network.id))).vm.id))?.address,
    ).toBe("10.61.0.11");
    await setSetting("ipam.cooldownMinutes", 1, null);
    expect(
      (await getVmAddressing((await requestVm(owner, request("quick-3", network.id))).vm.id))?.address,
    ).toBe("10.61.0.10");
    await setSetting("ipam.cooldownMinutes", 60, null);
    expect(await addressesOf(pool.id, { active: true })).toHaveLength(2);
  });

  it("is released when provisioning fails and the half-made VM is removed", async () => {
    const { network, pool } = await createTestPool({
      vlan: 62,
      cidr: "10.62.0.0/24",
      rangeStart: "10.62.0.10",
      rangeEnd: "10.62.0.19",
      domain: "vlan62.example.org",
    });
    const requested = await requestVm(owner, request("doomed", network.id));
    cluster.sim.setFaults({ failTasks: [{ type: "qmstart", message: "start failed: no memory" }] });
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    cluster.sim.setFaults({ failTasks: [] });
    expect(vm.state).toBe("failed");
    expect(await addressesOf(pool.id, { active: true })).toEqual([]);
    expect(await addressesOf(pool.id, { active: false })).toMatchObject([{ address: "10.62.0.10" }]);
  });

  it("is released when reconciliation finds the VM removed outside Roost", async () => {
    const { network, pool } = await createTestPool({
      vlan: 63,
      cidr: "10.63.0.0/24",
      rangeStart: "10.63.0.10",
      rangeEnd: "10.63.0.19",
      domain: "vlan63.example.org",
    });
    const requested = await requestVm(owner, request("vanishing", network.id));
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
    await cluster.client.tasks.wait(await cluster.client.qemu.power(vm.node!, vm.vmid!, "stop"));
    await cluster.client.tasks.wait(await cluster.client.qemu.destroy(vm.node!, vm.vmid!));
    await reconcileVms();
    expect((await getVmById({ id: vm.id }))?.state).toBe("missing");
    expect(await addressesOf(pool.id, { active: true })).toEqual([]);
  });
});

describe(`allocation under concurrency (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("gives 40 of 50 simultaneous requests the 40 addresses of a pool, each once, and refuses the rest cleanly", async () => {
    const { network, pool } = await createTestPool({
      vlan: 50,
      cidr: "10.50.0.0/24",
      gateway: "10.50.0.1",
      rangeStart: "10.50.0.10",
      rangeEnd: "10.50.0.49",
      domain: "vlan50.example.org",
    });
    const racers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => createUserWithSession(`racer-${index}`, "member")),
    );
    const results = await Promise.allSettled(
      racers.map((racer, index) =>
        requestVm({ id: racer.id, label: racer.username }, request(`racer-${index}`, network.id)),
      ),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(40);
    expect(refused).toHaveLength(10);
    for (const result of refused) {
      expect(result.reason).toBeInstanceOf(VmRequestError);
      expect(result.reason.message).toMatch(/^No address is free on VLAN 50/);
    }
    const active = await addressesOf(pool.id, { active: true });
    expect(active).toHaveLength(40);
    expect(new Set(active.map((lease) => lease.address)).size).toBe(40);
    expect(new Set(active.map((lease) => lease.vmId)).size).toBe(40);
    expect(await getDb().select().from(vms).where(eq(vms.networkId, network.id))).toHaveLength(40);
    for (const racer of racers) {
      const { usage } = await getQuotaStatus(userAccount(racer.id));
      expect(usage.vms).toBe(active.some((lease) => lease.hostname === racer.username) ? 1 : 0);
    }
  });
});
