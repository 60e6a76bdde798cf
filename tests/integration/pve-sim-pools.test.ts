import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

/** Pools as pve-manager's PVE/API2/Pool.pm and pve-access-control's RPCEnvironment.pm answer. */
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

type PoolEntry = { poolid?: string; comment?: string; members?: { id: string; vmid: number }[] };

describe("pools as Pool.pm lists and changes them", () => {
  it("GET /pools lists every pool without members; with a poolid, that pool with its members", async () => {
    const all = await simRequest<PoolEntry[]>(cluster.sim, "GET", "/pools");
    expect(all.data).toEqual([{ poolid: "infra", comment: "Servers the admins run by hand" }]);
    const one = await simRequest<PoolEntry[]>(cluster.sim, "GET", "/pools", { poolid: "infra" });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]!.members?.map((member) => member.id)).toEqual(["qemu/100"]);
    expect(await cluster.client.pool("infra")).toMatchObject({ poolid: "infra" });
  });

  it("the deprecated /pools/{poolid} reads, updates and deletes as read_pool and its siblings do", async () => {
    expect((await simRequest(cluster.sim, "POST", "/pools", { poolid: "lab-old" })).status).toBe(200);
    const read = await simRequest<PoolEntry>(cluster.sim, "GET", "/pools/lab-old");
    expect(read.data).toEqual({ members: [] });
    const put = await simRequest(cluster.sim, "PUT", "/pools/lab-old", { comment: "legacy", vms: "100" });
    expect(put.status).toBe(500);
    expect(put.message).toBe(
      "update pools failed: VM 100 belongs already to pool 'infra' and 'allow-move' is not set",
    );
    expect((await simRequest(cluster.sim, "GET", "/pools/lab-old")).data).toEqual({
      comment: "legacy",
      members: [],
    });
    expect(
      (await simRequest(cluster.sim, "PUT", "/pools/lab-old", { vms: "100", "allow-move": "1" })).status,
    ).toBe(200);
    const busy = await simRequest(cluster.sim, "DELETE", "/pools/lab-old");
    expect(busy.message).toBe("delete pool failed: pool 'lab-old' is not empty (contains VM 100)");
    const again = await simRequest(cluster.sim, "PUT", "/pools/lab-old", { vms: "100" });
    expect(again.message).toBe("update pools failed: VM 100 is already a pool member");
    await simRequest(cluster.sim, "PUT", "/pools", { poolid: "infra", vms: "100", "allow-move": "1" });
    expect((await simRequest(cluster.sim, "DELETE", "/pools/lab-old")).status).toBe(200);
    const gone = await simRequest(cluster.sim, "GET", "/pools/lab-old");
    expect([gone.status, gone.message]).toEqual([500, "pool 'lab-old' does not exist"]);
  });

  it("a VM create or clone into a missing pool is a permission failure, as check_pool_exist raises", async () => {
    const create = await simRequest(cluster.sim, "POST", "/nodes/pve1/qemu", {
      vmid: "4100",
      pool: "nowhere",
    });
    expect([create.status, create.message]).toEqual([
      403,
      "Permission check failed (pool 'nowhere' does not exist)",
    ]);
    const clone = await simRequest(cluster.sim, "POST", "/nodes/pve1/qemu/9000/clone", {
      newid: "4101",
      pool: "nowhere",
    });
    expect([clone.status, clone.message]).toEqual([
      403,
      "Permission check failed (pool 'nowhere' does not exist)",
    ]);
    expect(cluster.sim.cluster.findVm(4100) ?? cluster.sim.cluster.findVm(4101)).toBeUndefined();
  });
});

describe.each([
  ["9.1", 500],
  ["8.4", 200],
] as const)("pool names on PVE %s", (release, status) => {
  it(`a pool whose name starts with a digit answers ${status} (the letter rule is 9.x's create_pool)`, async () => {
    const other = await startTestCluster({ pveVersion: release });
    try {
      const answer = await simRequest(other.sim, "POST", "/pools", { poolid: "2026-course" });
      expect(answer.status).toBe(status);
      if (status === 500)
        expect(answer.message).toBe("create pool failed: pool name must start with a letter");
      expect((await simRequest(other.sim, "POST", "/pools", { poolid: "course.2026" })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
