import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientOptions } from "@/lib/proxmox";
import { cloneMemberVm, startTestCluster, type TestCluster } from "../helpers/pve-sim";

const NODES = ["pve1", "pve2", "pve3"];
// Two VMs on each node; the sim's VMs live where their state says, as after a migration.
const VMS = NODES.flatMap((node, n) => [0, 1].map((k) => ({ vmid: 700 + n * 10 + k, node })));

async function startCluster(clientOptions: ClientOptions = {}): Promise<TestCluster> {
  const cluster = await startTestCluster({}, clientOptions);
  for (const vm of VMS) {
    await cloneMemberVm(cluster.client, { newid: vm.vmid, name: `limits-${vm.vmid}` });
    cluster.sim.state.vms.find((candidate) => candidate.vmid === vm.vmid)!.node = vm.node;
  }
  // Every answer takes a while, as on a loaded node, so the burst's requests overlap.
  cluster.sim.setFaults({ latency: [{ path: "^/nodes/", ms: 15 }] });
  cluster.sim.inFlight.reset();
  return cluster;
}

/**
 * 200 actions at once, node by node as an admin stopping a node's VMs would send them: status reads and
 * stop calls (a stopped VM's stop is a task that succeeds).
 */
function burst(cluster: TestCluster): Promise<unknown[]> {
  const { qemu } = cluster.client;
  return Promise.all(
    Array.from({ length: 200 }, (_, i) => {
      const vm = VMS[Math.floor((i * VMS.length) / 200)]!;
      return i % 2 ? qemu.power(vm.node, vm.vmid, "stop") : qemu.status(vm.node, vm.vmid);
    }),
  );
}

describe("requests in flight per node", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => cluster.close());

  it("never exceed three on any node under a burst of 200 actions, and every action is answered", async () => {
    const answers = await burst(cluster);
    expect(answers).toHaveLength(200);
    expect(answers.filter((answer) => typeof answer === "string" && answer.startsWith("UPID:"))).toHaveLength(
      100,
    );
    // Three on each node: the burst did fill every node, and no node got more.
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve1: 3, pve2: 3, pve3: 3 });
  });

  it("are not held by reads that wait to ask a node again after a 59x", async () => {
    const [failing, healthy] = VMS;
    cluster.sim.setFaults({
      latency: [{ path: "^/nodes/", ms: 15 }],
      errors: [
        { path: `^/nodes/${failing!.node}/qemu/${failing!.vmid}/status/current$`, status: 595, rate: 1 },
      ],
    });
    const finished: string[] = [];
    const retrying = Array.from({ length: 3 }, () =>
      cluster.client.qemu.status(failing!.node, failing!.vmid).catch(() => void finished.push("retrying")),
    );
    // Past the first answers, so the three are waiting to try again.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await cluster.client.qemu.status(healthy!.node, healthy!.vmid);
    finished.push("healthy");
    await Promise.all(retrying);
    expect(finished).toEqual(["healthy", "retrying", "retrying", "retrying"]);
    cluster.sim.setFaults({ errors: [] });
  });

  it("count cluster-wide requests against the node behind the API URL, within the same limit", async () => {
    cluster.sim.setFaults({ latency: [{ path: "^/(version|pools|cluster/nextid)$", ms: 15 }] });
    cluster.sim.inFlight.reset();
    const { client } = cluster;
    const reads = [() => client.version(), () => client.pools(), () => client.nextVmid()];
    await Promise.all(Array.from({ length: 30 }, (_, i) => reads[i % reads.length]!()));
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve1: 3 });
  });
});

describe("the per-node limit", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster({ nodeConcurrency: 5, concurrency: 20 });
  });
  afterAll(() => cluster.close());

  it("is what the client is given", async () => {
    await burst(cluster);
    expect(cluster.sim.inFlight.maxPerNode()).toEqual({ pve1: 5, pve2: 5, pve3: 5 });
  });
});
