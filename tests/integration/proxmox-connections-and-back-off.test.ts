import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClientOptions, ProxmoxClient } from "@/lib/proxmox";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

let cluster: TestCluster;
const clients: ProxmoxClient[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await cluster.close();
});

/** A fresh portal client of the same cluster, so each test starts with no connection and no back-off. */
function portalClient(options: ClientOptions = {}): ProxmoxClient {
  const client = new ProxmoxClient(
    {
      id: "sim",
      name: "Simulator",
      apiUrls: [cluster.sim.url],
      tokenId: cluster.tokenId,
      tokenSecret: cluster.tokenSecret,
      fingerprint: cluster.sim.fingerprint,
    },
    { timeoutMs: 5000, ...options },
  );
  clients.push(client);
  return client;
}

const burst = (client: ProxmoxClient, node: string, count: number) =>
  Promise.all(Array.from({ length: count }, () => client.nodeStatus(node)));

describe("connections to Proxmox", () => {
  it("are kept alive: a hundred requests one after another use one TCP connection", async () => {
    const client = portalClient();
    const before = cluster.sim.connectionsOpened();
    for (let i = 0; i < 100; i++) await client.version();
    expect(cluster.sim.connectionsOpened() - before).toBe(1);
  });

  it("are reused under a burst: no more are opened than requests may be in flight at once", async () => {
    const client = portalClient({ concurrency: 8 });
    cluster.sim.setFaults({ latency: [{ path: "^/nodes/", ms: 15 }] });
    const before = cluster.sim.connectionsOpened();
    await Promise.all(["pve1", "pve2", "pve3"].map((node) => burst(client, node, 40)));
    await Promise.all(["pve1", "pve2", "pve3"].map((node) => burst(client, node, 40)));
    // 240 requests, at most 8 in flight (3 per node): the second burst opens none of its own.
    expect(cluster.sim.connectionsOpened() - before).toBeLessThanOrEqual(8);
    cluster.sim.setFaults({ latency: [] });
  });

  it("survive the server closing an idle one just as a write is sent on it: the write goes out once, on a new one", async () => {
    const client = portalClient();
    for (const [i, pool] of ["roost-keepalive-a", "roost-keepalive-b", "roost-keepalive-c"].entries()) {
      await client.version();
      // The connection is idle in the client's pool; closing it now races the next request, as a
      // pveproxy keep-alive timeout does.
      cluster.sim.closeIdleConnections();
      await client.createPool(pool, `try ${i}`);
    }
    const pools = (await client.pools()).map((pool) => pool.poolid);
    expect(pools.filter((id) => id.startsWith("roost-keepalive-")).sort()).toEqual([
      "roost-keepalive-a",
      "roost-keepalive-b",
      "roost-keepalive-c",
    ]);
  });
});

describe("a node that answers with trouble", () => {
  it.each([595, 596])("after a %i gets one request at a time while the others keep three", async (status) => {
    const client = portalClient({ backOffMs: 60_000 });
    cluster.sim.setFaults({ errors: [{ path: "^/nodes/pve1/", status, rate: 1 }] });
    await expect(client.nodeStatus("pve1")).rejects.toMatchObject({ kind: "proxy", status });
    cluster.sim.setFaults({ errors: [], latency: [{ path: "^/nodes/", ms: 15 }] });
    cluster.sim.inFlight.reset();
    await Promise.all([burst(client, "pve1", 30), burst(client, "pve2", 30)]);
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve1: 1, pve2: 3 });
    expect(client.transport.laneLimits()).toMatchObject({ "node pve1": 1, "node pve2": 3 });
    cluster.sim.setFaults({ latency: [] });
  });

  it("answering slowly gets fewer requests at once", async () => {
    const client = portalClient({ slowAnswerMs: 100, backOffMs: 60_000 });
    cluster.sim.setFaults({ latency: [{ path: "^/nodes/pve3/", ms: 150 }] });
    await client.nodeStatus("pve3");
    cluster.sim.inFlight.reset();
    await burst(client, "pve3", 8);
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve3: 1 });
    cluster.sim.setFaults({ latency: [] });
  });

  it("has its full limit back once it behaved for the back-off time", async () => {
    const client = portalClient({ backOffMs: 200 });
    cluster.sim.setFaults({ errors: [{ path: "^/nodes/pve2/", status: 595, rate: 1 }] });
    await expect(client.nodeStatus("pve2")).rejects.toMatchObject({ kind: "proxy" });
    expect(client.transport.laneLimits()).toMatchObject({ "node pve2": 1 });
    cluster.sim.setFaults({ errors: [], latency: [{ path: "^/nodes/", ms: 15 }] });
    await new Promise((resolve) => setTimeout(resolve, 250));
    cluster.sim.inFlight.reset();
    await burst(client, "pve2", 30);
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve2: 3 });
    cluster.sim.setFaults({ latency: [] });
  });
});
