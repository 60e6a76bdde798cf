import { ProxmoxClient } from "@/lib/proxmox";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@/pve-sim";

export interface TestCluster {
  sim: RunningSimulator;
  client: ProxmoxClient;
  close(): Promise<void>;
}

/** The simulator on a free loopback port with fast tasks, and a client pinned to its certificate. */
export async function startTestCluster(
  options: SimulatorOptions = {},
  clientOptions = {},
): Promise<TestCluster> {
  const sim = await startSimulator({
    port: 0,
    dataDir: null,
    taskSpeed: 20,
    agentDelaySeconds: 0.3,
    // PVE's 10 s flock wait and 3 s guest-ping, shortened as the tasks are.
    flockTimeoutMs: 500,
    agentPingTimeoutMs: 150,
    ...options,
  });
  const client = new ProxmoxClient(
    {
      id: "sim",
      name: "Simulator",
      apiUrls: [sim.url],
      tokenId: sim.tokenId,
      tokenSecret: sim.tokenSecret,
      fingerprint: sim.fingerprint,
    },
    { timeoutMs: 5000, ...clientOptions },
  );
  return {
    sim,
    client,
    async close() {
      client.close();
      await sim.close();
    },
  };
}
