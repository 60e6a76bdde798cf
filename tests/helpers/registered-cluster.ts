import { getDb } from "@/db/client";
import { clusters } from "@/db/schema";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import type { SimulatorOptions } from "@/pve-sim";
import { startTestCluster, type TestAccess, type TestCluster } from "./pve-sim";

// Kept apart from pve-sim.ts: the browser suite uses that one and cannot load the portal's server modules.
/**
 * A test cluster the portal knows as `id`: its row in the clusters table and its client installed, as
 * the portal's own cluster would be. Closing it uninstalls the client too.
 */
export async function startRegisteredCluster(
  options: SimulatorOptions = {},
  clientOptions = {},
  id = "sim",
  access: TestAccess = {},
): Promise<TestCluster> {
  const cluster = await startTestCluster(options, clientOptions, access);
  await getDb()
    .insert(clusters)
    .values({
      id,
      name: id,
      apiUrls: [cluster.sim.url],
      tokenId: cluster.tokenId,
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
