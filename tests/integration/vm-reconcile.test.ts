import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestVm } from "../helpers/fixtures";
import type { TestCluster } from "../helpers/pve-sim";
import { cloneMemberVm } from "../helpers/pve-sim";
import { startRegisteredCluster } from "../helpers/registered-cluster";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;

beforeAll(async () => {
  database = await createTestDatabase();
  cluster = await startRegisteredCluster();
});
afterAll(async () => {
  await cluster.close();
  await database.drop();
});

describe("reconciliation with the cluster", () => {
  it("follows VMs moved, removed, resized or stopped outside the portal, and writes each to the timeline", async () => {
    const owner = await createUserWithSession("rita", "member");
    const client = cluster.client;
    for (const vmid of [201, 202]) {
      await cloneMemberVm(client, { newid: vmid, name: `vm-${vmid}` });
    }
    const moved = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "moved",
      vmid: 201,
      node: "pve1",
      state: "stopped",
      cores: 1,
      memoryMb: 1024,
      diskGb: 3,
    });
    const removed = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "removed",
      vmid: 202,
      node: "pve1",
      state: "stopped",
      cores: 1,
      memoryMb: 1024,
      diskGb: 3,
    });
    const stopped = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
      state: "running",
      cores: 2,
      memoryMb: 2048,
      diskGb: 16,
    });

    cluster.sim.state.vms.find((vm) => vm.vmid === 201)!.node = "pve3";
    await client.qemu.updateConfig("pve3", 201, { cores: 4 });
    await client.tasks.wait(await client.qemu.destroy("pve1", 202), { initialDelayMs: 20 });
    await client.tasks.wait(await client.qemu.power("pve2", 100, "stop"), { initialDelayMs: 20 });

    const summary = await reconcileVms();
    expect(summary).toMatchObject({
      checked: 3,
      moved: 1,
      missing: 1,
      resized: 1,
      stateChanged: 1,
      unreachableClusters: [],
    });
    expect(await getVmById({ vmId: moved.id })).toMatchObject({ node: "pve3", cores: 4 });
    expect(await getVmById({ vmId: removed.id })).toMatchObject({ state: "missing" });
    expect(await getVmById({ vmId: stopped.id })).toMatchObject({ state: "stopped" });
    expect((await listVmEvents({ vmId: moved.id })).map((event) => event.message)).toEqual([
      expect.stringMatching(/^Size changed outside Roost: 4 cores/),
      "Moved from pve1 to pve3",
    ]);

    const again = await reconcileVms();
    expect(again).toMatchObject({ moved: 0, missing: 0, resized: 0, stateChanged: 0 });
  });

  it("changes nothing when the cluster does not answer", async () => {
    cluster.sim.setFaults({ errors: [{ path: "^/cluster/resources$", status: 503, rate: 1 }] });
    const summary = await reconcileVms();
    cluster.sim.setFaults({ errors: [] });
    expect(summary.unreachableClusters).toEqual(["sim"]);
    expect(summary.moved + summary.missing + summary.resized + summary.stateChanged).toBe(0);
  });
});
