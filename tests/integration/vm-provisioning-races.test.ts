import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnabledTemplates } from "@/db/queries/templates";
import { getVmById, updateVm } from "@/db/queries/vms";
import type { Template } from "@/db/schema";
import { destroyForLease } from "@/lib/leases/lease-actions";
import { deleteOwnedVm } from "@/lib/vms/operate-vm";
import { provisionVm } from "@/lib/vms/provision-vm";
import { requestVm } from "@/lib/vms/request-vm";
import type { Exchange } from "@/pve-sim/server";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import type { TestCluster } from "../helpers/pve-sim";
import { startRegisteredCluster } from "../helpers/registered-cluster";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const exchanges: Exchange[] = [];
let onArrival: ((request: { method: string; path: string }) => void) | undefined;
const cluster = setUpClusterTestbed({
  sim: {
    onExchange: (exchange) => exchanges.push(exchange),
    onArrival: (request) => onArrival?.(request),
  },
});
let slow: TestCluster;
let owners: { id: string; label: string; username: string }[];

const template = async (clusterId: string) =>
  (await listEnabledTemplates()).find((candidate) => candidate.clusterId === clusterId)!;

beforeAll(async () => {
  // Tasks at real speed: a full clone of the 3 GiB template takes 5.5 s, writing progress as it goes.
  slow = await startRegisteredCluster({ taskSpeed: 1 }, {}, "slow");
  await approveDebianTemplate("sim");
  await approveDebianTemplate("slow");
  owners = [];
  for (const name of ["ann", "ben", "cat"]) {
    const user = await createUserWithSession(name, "member");
    owners.push({ id: user.id, label: name, username: name });
  }
});
afterAll(async () => {
  await slow?.close();
});

const fast = { addressWaitMs: 0, pollMs: 50 };
const ask = (templateRow: Template, name: string) => ({
  templateId: templateRow.id,
  name,
  cores: 1,
  memoryMb: 1024,
  diskGb: 8,
});

describe("two provisions handed the same VM id", () => {
  it("both end with a VM of their own, each under its own id, and the loser touched nothing", async () => {
    const debian = await template("sim");
    // Each clone request waits, so both provisions have asked nextid (and got the same id) before either clone lands.
    cluster.sim.setFaults({ latency: [{ path: "/qemu/9000/clone$", ms: 400 }] });
    const [first, second] = await Promise.all(
      owners.slice(0, 2).map(async (owner, index) => {
        const requested = await requestVm(owner, ask(debian, `racer-${index}`));
        return provisionVm(cluster.client, { ...requested, sshKeys: [], owner }, fast);
      }),
    );
    cluster.sim.setFaults({ latency: [] });
    const handedOut = exchanges
      .filter((exchange) => exchange.path === "/cluster/nextid" && !exchange.params.vmid)
      .map((exchange) => exchange.data);
    expect(handedOut.length).toBeGreaterThanOrEqual(2);
    expect(handedOut[0]).toBe(handedOut[1]);
    expect(exchanges.filter((exchange) => exchange.method === "DELETE")).toEqual([]);
    expect([first!.stateDetail, second!.stateDetail]).toEqual([null, null]);
    expect(first).toMatchObject({ state: "running" });
    expect(second).toMatchObject({ state: "running" });
    expect(first!.vmid).not.toBe(second!.vmid);
    for (const vm of [first!, second!]) {
      expect((await cluster.client.qemu.config("pve1", vm.vmid!)).name).toBe(vm.name);
    }
  });
});

describe("an id taken on Proxmox between nextid and the clone", () => {
  it("is left to the VM that took it; the provision makes its VM under another id", async () => {
    const debian = await template("sim");
    const requested = await requestVm(owners[0]!, ask(debian, "second-try"));
    // The clone request waits 2 s on arrival; someone outside the portal makes a VM under its id meanwhile.
    cluster.sim.setFaults({ latency: [{ path: "/qemu/9000/clone$", ms: 2000 }] });
    let intruder: Promise<number> | undefined;
    onArrival = ({ method, path }) => {
      if (intruder || method !== "POST" || !path.endsWith("/qemu/9000/clone")) return;
      intruder = getVmById({ id: requested.vm.id }).then(async (row) => {
        const taken = row!.vmid!;
        await cluster.admin.tasks.wait(
          await cluster.admin.qemu.create("pve2", taken, { name: "intruder", tags: "roost" }),
        );
        return taken;
      });
    };
    const vm = await provisionVm(cluster.client, { ...requested, sshKeys: [], owner: owners[0]! }, fast);
    onArrival = undefined;
    cluster.sim.setFaults({ latency: [] });
    const recorded = await intruder!;
    expect(vm).toMatchObject({ state: "running", stateDetail: null });
    expect(vm.vmid).not.toBe(recorded);
    expect(
      exchanges.some(
        (exchange) =>
          exchange.path.endsWith("/clone") &&
          exchange.status === 500 &&
          Number(exchange.params.newid) === recorded,
      ),
    ).toBe(true);
    expect((await cluster.admin.qemu.config("pve2", recorded)).name).toBe("intruder");
  });
});

describe("removing a VM from Proxmox", () => {
  it("refuses, and says why, when the VM at the recorded id has another name or no roost tag", async () => {
    const [owner] = owners;
    // VM 100 is the cluster's own infra-dns, never made by the portal.
    const record = await createTestVm({
      clusterId: "sim",
      ownerId: owner!.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
    });
    await expect(
      deleteOwnedVm({
        vmId: record.id,
        person: { id: owner!.id, role: "member" },
        confirmName: "dns",
        actor: { id: owner!.id, label: "ann" },
      }),
    ).rejects.toThrow(/VM 100 on pve2 is named "infra-dns", not "dns" and has no "roost" tag/);
    await expect(destroyForLease(record)).rejects.toThrow(/not the VM the portal made; nothing was removed/);
    const named = await updateVm({ id: record.id, name: "infra-dns" });
    await expect(destroyForLease(named!)).rejects.toThrow(/VM 100 on pve2 has no "roost" tag/);
    expect((await cluster.client.qemu.status("pve2", 100)).status).toBe("running");
  });
});

describe("a clone slower than the deadline", () => {
  it("completes while its task log keeps advancing", async () => {
    const debian = await template("slow");
    const requested = await requestVm(owners[2]!, ask(debian, "patient"));
    const started = Date.now();
    const vm = await provisionVm(
      slow.client,
      { ...requested, sshKeys: [], owner: owners[2]! },
      { ...fast, cloneStallMs: 2000 },
    );
    expect(Date.now() - started).toBeGreaterThan(5000);
    expect(vm).toMatchObject({ state: "running" });
  });

  it("is given up once its log stops advancing, and leaves no VM behind", async () => {
    const debian = await template("slow");
    const requested = await requestVm(owners[1]!, ask(debian, "stuck"));
    slow.sim.setFaults({ hangTasks: ["qmclone"] });
    const vm = await provisionVm(
      slow.client,
      { ...requested, sshKeys: [], owner: owners[1]! },
      { ...fast, cloneStallMs: 1500 },
    );
    slow.sim.setFaults({ hangTasks: [] });
    expect(vm).toMatchObject({
      state: "failed",
      vmid: null,
      stateDetail: expect.stringMatching(/no progress/),
    });
    const left = (await slow.client.resources.get({ maxAgeMs: 0 })).filter((item) => item.name === "stuck");
    expect(left).toEqual([]);
  });
});
