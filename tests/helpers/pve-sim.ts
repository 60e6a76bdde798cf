import { getDb } from "@/db/client";
import { clusters } from "@/db/schema";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
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

/**
 * A test cluster the portal knows as `id`: its row in the clusters table and its client installed, as
 * the portal's own cluster would be. Closing it uninstalls the client too.
 */
export async function startRegisteredCluster(
  options: SimulatorOptions = {},
  clientOptions = {},
  id = "sim",
): Promise<TestCluster> {
  const cluster = await startTestCluster(options, clientOptions);
  await getDb()
    .insert(clusters)
    .values({
      id,
      name: id,
      apiUrls: [cluster.sim.url],
      tokenId: cluster.sim.tokenId,
      tokenSecretEncrypted: "",
    });
  installProxmoxClient(id, cluster.client);
  return {
    ...cluster,
    async close() {
      installProxmoxClient(id, undefined);
      await cluster.close();
    },
  };
}
