import "server-only";
import { upsertCluster } from "@/db/queries/clusters";
import type { Config } from "@/lib/config";
import type { ClusterConfigInput } from "@/lib/proxmox";

export const ENV_CLUSTER_ID = "default";

/** The cluster the environment names (PVE_API_URLS …), which `npm start` points at the simulator in demo mode. */
export function clusterFromConfig(config: Config): ClusterConfigInput | null {
  if (!config.PVE_API_URLS?.length || !config.PVE_TOKEN_ID || !config.PVE_TOKEN_SECRET) return null;
  return {
    id: ENV_CLUSTER_ID,
    name: config.PVE_CLUSTER_NAME,
    apiUrls: config.PVE_API_URLS,
    tokenId: config.PVE_TOKEN_ID,
    tokenSecret: config.PVE_TOKEN_SECRET,
    fingerprint: config.PVE_FINGERPRINT,
    insecure: config.PVE_INSECURE,
  };
}

/**
 * Records the environment's cluster so VMs can refer to it. Its secret stays in the environment and is
 * never written to the database.
 */
export async function registerConfiguredCluster(cluster: ClusterConfigInput): Promise<void> {
  const row = {
    name: cluster.name,
    apiUrls: cluster.apiUrls,
    tokenId: cluster.tokenId,
    tokenSecretEncrypted: "",
    fingerprint: cluster.fingerprint ?? null,
    insecure: cluster.insecure ?? false,
    updatedAt: new Date(),
  };
  await upsertCluster({ id: cluster.id, ...row });
}
