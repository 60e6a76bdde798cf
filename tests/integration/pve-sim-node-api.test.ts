import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

describe.each([
  ["9.1", "9.1.1"],
  ["8.4", "8.4.21"],
] as const)("what simulated PVE %s says about itself", (release, version) => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ pveVersion: release });
  });
  afterAll(() => cluster.close());

  it("/version and /nodes/{node}/version give that release (pve-manager API2.pm, Nodes.pm `version`)", async () => {
    for (const path of ["/version", "/nodes/pve2/version"]) {
      const answer = await simRequest<{ release: string; version: string }>(cluster.sim, "GET", path);
      expect(answer.data).toMatchObject({ release, version });
    }
    expect((await cluster.client.nodeStatus("pve1")).pveversion).toMatch(`pve-manager/${version}/`);
  });
});

describe("node, network, storage and cluster facts other portals read", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(() => cluster.close());

  it("lists a node's interfaces without lo, and filters bridges as Network.pm `index` does", async () => {
    const all = await simRequest<{ iface: string; type: string }[]>(
      cluster.sim,
      "GET",
      "/nodes/pve1/network",
    );
    expect(all.data.map((iface) => iface.iface)).toEqual(["eno1", "vmbr0"]);
    for (const type of ["bridge", "any_bridge"]) {
      const bridges = await simRequest<{ iface: string }[]>(cluster.sim, "GET", "/nodes/pve1/network", {
        type,
      });
      expect(bridges.data.map((iface) => iface.iface)).toEqual(["vmbr0"]);
    }
  });

  it("gives the cluster's status: quorate with all nodes, one entry per node, the answering one local", async () => {
    const status = await simRequest<{ type: string; name: string; quorate?: number; local?: number }[]>(
      cluster.sim,
      "GET",
      "/cluster/status",
    );
    expect(status.data[0]).toMatchObject({ type: "cluster", name: "roost-demo", nodes: 3, quorate: 1 });
    expect(status.data.filter((entry) => entry.type === "node").map((entry) => entry.name)).toEqual([
      "pve1",
      "pve2",
      "pve3",
    ]);
    expect(status.data.filter((entry) => entry.local === 1).map((entry) => entry.name)).toEqual(["pve1"]);
    cluster.sim.setFaults({ offlineNodes: ["pve2", "pve3"] });
    const lonely = await simRequest<{ quorate?: number; online?: number }[]>(
      cluster.sim,
      "GET",
      "/cluster/status",
    );
    cluster.sim.setFaults({ offlineNodes: [] });
    expect(lonely.data[0]!.quorate).toBe(0);
  });

  it("gives one storage's status (pve-storage Status.pm `read_status`) and refuses an unknown one", async () => {
    const status = await simRequest<{ total: number; used: number; avail: number; content: string }>(
      cluster.sim,
      "GET",
      "/nodes/pve1/storage/local-lvm/status",
    );
    expect(status.data.content).toBe("images,rootdir");
    expect(status.data.total).toBe(status.data.used + status.data.avail);
    const missing = await simRequest(cluster.sim, "GET", "/nodes/pve1/storage/nope/status");
    expect([missing.status, missing.message]).toEqual([500, "storage 'nope' does not exist"]);
  });
});

describe("a refused token, as pve-manager HTTPServer.pm and pve-http-server AnyEvent.pm answer it", () => {
  it("answers 401 'Authentication failed!' after PVE's 3 s delay by default", async () => {
    const cluster = await startTestCluster();
    try {
      const started = Date.now();
      const answer = await simRequest(cluster.sim, "GET", "/version", {}, "PVEAPIToken=nobody@pve!x=wrong");
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
      expect([answer.status, answer.message]).toEqual([401, "Authentication failed!"]);
    } finally {
      await cluster.close();
    }
  });

  it("waits as long as the simulator is told to, and says 'No ticket' without credentials", async () => {
    const cluster = await startTestCluster({ authFailureDelayMs: 50 });
    try {
      const started = Date.now();
      const answer = await simRequest(cluster.sim, "GET", "/version", {}, "");
      expect(Date.now() - started).toBeLessThan(2000);
      expect([answer.status, answer.message]).toEqual([401, "No ticket"]);
    } finally {
      await cluster.close();
    }
  });
});
