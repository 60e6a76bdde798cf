import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProxmoxClient } from "@/lib/proxmox";
import { freePort } from "@/scripts/free-port";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

let cluster: TestCluster;

beforeAll(async () => {
  // VMs outside members' pools too: the guide's optional /vms grant.
  cluster = await startTestCluster({ agentDelaySeconds: 3600 }, {}, { adoptAnyVm: true });
});
afterAll(() => cluster.close());

/** How many HTTP requests one call costs, counted where every request passes. */
async function requestsFor(client: ProxmoxClient, call: () => Promise<unknown>) {
  const before = client.upstreamCalls;
  await call().catch(() => null);
  return client.upstreamCalls - before;
}

describe("what the client asks again", () => {
  it("asks once when Proxmox answers a 500: 'does not exist', 'not running', no guest agent", async () => {
    const { client } = cluster;
    expect(await requestsFor(client, () => client.qemu.status("pve1", 4242))).toBe(1);
    expect(await requestsFor(client, () => client.qemu.config("pve1", 4242))).toBe(1);
    await client.tasks.wait(await client.qemu.clone("pve1", 9000, { newid: 610, name: "retry" }));
    await client.tasks.wait(await client.qemu.power("pve1", 610, "start"));
    expect(await requestsFor(client, () => client.qemu.guestAddresses("pve1", 610))).toBe(1);
    cluster.sim.setFaults({ errors: [{ path: "^/cluster/resources$", status: 500, rate: 1 }] });
    expect(await requestsFor(client, () => client.resources.get({ maxAgeMs: 0 }))).toBe(1);
    cluster.sim.setFaults({ errors: [] });
  });

  it("asks again, up to its read retries, when a node is unreachable (595) or the connection fails", async () => {
    const { client } = cluster;
    cluster.sim.setFaults({ errors: [{ path: "^/nodes/pve1/status$", status: 595, rate: 1 }] });
    expect(await requestsFor(client, () => client.nodeStatus("pve1"))).toBe(3);
    cluster.sim.setFaults({ errors: [] });
    const dead = new ProxmoxClient({ ...client.cluster, apiUrls: [`https://127.0.0.1:${await freePort()}`] });
    expect(await requestsFor(dead, () => dead.version())).toBe(3);
    dead.close();
  });

  it("never repeats a write, whatever the answer", async () => {
    const { client } = cluster;
    cluster.sim.setFaults({ errors: [{ path: "/status/start$", status: 595, rate: 1 }] });
    expect(await requestsFor(client, () => client.qemu.power("pve1", 610, "start"))).toBe(1);
    cluster.sim.setFaults({ errors: [] });
  });
});
