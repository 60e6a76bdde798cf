import { beforeAll, describe, expect, it, vi } from "vitest";
import { getVmById } from "@/db/queries/vms";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { destroyForLease, stopForLease } from "@/lib/leases/lease-actions";
import type { ProxmoxClient } from "@/lib/proxmox";
import { deleteOwnedVm, powerOwnedVm } from "@/lib/vms/operate-vm";
import { resizeOwnedVm } from "@/lib/vms/resize-vm";
import { createOwnedSnapshot, listOwnedSnapshots } from "@/lib/vms/snapshots";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

// With the guide's grant on every VM, Proxmox tells the portal a VM is gone instead of refusing it (403).
const cluster = setUpClusterTestbed({ access: { adoptAnyVm: true } });
let owner: TestUser;
let portal: ProxmoxClient;

beforeAll(async () => {
  owner = await createUserWithSession("mira", "member");
  await giveQuota(owner.id, { vms: 10, cores: 20, memoryMb: 32768, diskGb: 100, snapshots: 5 });
  portal = await getProxmoxClient("sim");
});

const actor = () => ({ id: owner.id, label: "mira" });

/** A portal VM made on pve1 and recorded there, stopped. */
async function portalVm(vmid: number) {
  const name = `moved-${vmid}`;
  await cloneMemberVm(cluster.client, { newid: vmid, name });
  return createTestVm({
    clusterId: "sim",
    ownerId: owner.id,
    name,
    vmid,
    node: "pve1",
    state: "stopped",
    cores: 1,
    memoryMb: 2048,
    diskGb: 8,
  });
}

const simVm = (vmid: number) => cluster.sim.state.vms.find((vm) => vm.vmid === vmid);
const recordedNode = async (id: string) => (await getVmById({ id }))?.node;

/** The paths the portal's client asks while `run` runs. */
async function pathsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const call = vi.spyOn(portal.transport, "call");
  try {
    await run();
    return call.mock.calls.map(([, path]) => path);
  } finally {
    call.mockRestore();
  }
}

describe("a VM moved to another node outside the portal", () => {
  it("is started, stopped, resized, snapshotted and deleted where it is now, and its record follows it", async () => {
    const vm = await portalVm(310);

    cluster.sim.cluster.moveVm(310, "pve2");
    expect(await powerOwnedVm({ vmId: vm.id, person: owner, action: "start", actor: actor() })).toEqual({
      state: "running",
    });
    expect(simVm(310)).toMatchObject({ node: "pve2", status: "running" });
    expect(await recordedNode(vm.id)).toBe("pve2");

    cluster.sim.cluster.moveVm(310, "pve3");
    await powerOwnedVm({ vmId: vm.id, person: owner, action: "stop", actor: actor() });
    expect(simVm(310)).toMatchObject({ node: "pve3", status: "stopped" });
    expect(await recordedNode(vm.id)).toBe("pve3");

    cluster.sim.cluster.moveVm(310, "pve1");
    await resizeOwnedVm(vm.id, owner, { cores: 2, memoryMb: 3072, diskGb: 10 }, actor());
    expect(simVm(310)!.config).toMatchObject({ cores: "2", memory: "3072" });
    expect(simVm(310)!.config.scsi0).toMatch(/size=10G/);
    expect(await getVmById({ id: vm.id })).toMatchObject({ node: "pve1", cores: 2, diskGb: 10 });

    cluster.sim.cluster.moveVm(310, "pve2");
    await createOwnedSnapshot(vm.id, owner, "before-upgrade", "", actor());
    expect(simVm(310)!.snapshots.map((snapshot) => snapshot.name)).toContain("before-upgrade");
    expect(await recordedNode(vm.id)).toBe("pve2");

    cluster.sim.cluster.moveVm(310, "pve3");
    await deleteOwnedVm({ vmId: vm.id, person: owner, confirmName: vm.name, actor: actor() });
    expect(simVm(310)).toBeUndefined();
    expect(await getVmById({ id: vm.id })).toMatchObject({ state: "deleted", node: "pve3" });
  });

  it("is stopped and destroyed by the lease sweep even when the cached resource list still shows the old node", async () => {
    const vm = await portalVm(311);
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 311, "start"), {
      initialDelayMs: 20,
    });
    await portal.resources.get({ maxAgeMs: 0 });
    cluster.sim.cluster.moveVm(311, "pve2");

    expect(await stopForLease((await getVmById({ id: vm.id }))!)).toBe("stopped");
    expect(simVm(311)).toMatchObject({ node: "pve2", status: "stopped" });
    expect(await recordedNode(vm.id)).toBe("pve2");

    await portal.resources.get({ maxAgeMs: 0 });
    cluster.sim.cluster.moveVm(311, "pve3");
    expect(await destroyForLease((await getVmById({ id: vm.id }))!)).toBe("destroyed");
    expect(simVm(311)).toBeUndefined();
    expect(await recordedNode(vm.id)).toBe("pve3");
  });

  it("costs one fresh resource read when the node is wrong, and none when it is right", async () => {
    const vm = await portalVm(312);

    const right = await pathsDuring(() => listOwnedSnapshots(vm.id, owner));
    expect(right).toEqual(["/nodes/pve1/qemu/312/snapshot"]);
    const resize = await pathsDuring(() =>
      resizeOwnedVm(vm.id, owner, { cores: 2, memoryMb: 2048, diskGb: 8 }, actor()),
    );
    expect(resize).toEqual(["/nodes/pve1/qemu/312/config", "/nodes/pve1/qemu/312/pending"]);
    const start = await pathsDuring(() =>
      powerOwnedVm({ vmId: vm.id, person: owner, action: "start", actor: actor() }),
    );
    expect(start.filter((path) => !path.startsWith("/nodes/pve1/"))).toEqual([]);

    cluster.sim.cluster.moveVm(312, "pve2");
    const moved = await pathsDuring(() => listOwnedSnapshots(vm.id, owner));
    expect(moved).toEqual([
      "/nodes/pve1/qemu/312/snapshot",
      "/cluster/resources",
      "/nodes/pve2/qemu/312/snapshot",
    ]);
    expect(await pathsDuring(() => listOwnedSnapshots(vm.id, owner))).toEqual([
      "/nodes/pve2/qemu/312/snapshot",
    ]);
  });
});

describe("a VM that is truly gone", () => {
  it("still reads as missing: refused for power, deleted on delete, missing to the sweep", async () => {
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "vanished",
      vmid: 398,
      node: "pve1",
      state: "running",
    });
    const power = await pathsDuring(() =>
      expect(powerOwnedVm({ vmId: vm.id, person: owner, action: "stop", actor: actor() })).rejects.toThrow(
        "Proxmox refused: Configuration file 'nodes/pve1/qemu-server/398.conf' does not exist.",
      ),
    );
    expect(power).toEqual(["/nodes/pve1/qemu/398/status/stop", "/cluster/resources"]);
    expect(await stopForLease(vm)).toBe("missing");
    expect(await destroyForLease(vm)).toBe("missing");
    await deleteOwnedVm({ vmId: vm.id, person: owner, confirmName: "vanished", actor: actor() });
    expect(await getVmById({ id: vm.id })).toMatchObject({ state: "deleted", node: "pve1" });
  });

  it("is not confused with a new VM that took its id on another node", async () => {
    await cloneMemberVm(cluster.client, { newid: 313, name: "someone-else" });
    cluster.sim.cluster.moveVm(313, "pve2");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "long-gone",
      vmid: 313,
      node: "pve1",
      state: "stopped",
    });
    await expect(
      powerOwnedVm({ vmId: vm.id, person: owner, action: "start", actor: actor() }),
    ).rejects.toThrow(
      "Proxmox refused: Configuration file 'nodes/pve1/qemu-server/313.conf' does not exist.",
    );
    expect(simVm(313)).toMatchObject({ node: "pve2", status: "stopped" });
    expect(await recordedNode(vm.id)).toBe("pve1");
  });
});
