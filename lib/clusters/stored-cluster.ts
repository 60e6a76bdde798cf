import "server-only";
import type { Cluster } from "@/db/schema";
import type { Config } from "@/lib/config";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import type { ClusterConfigInput } from "@/lib/proxmox";

// Binding the ciphertext to its cluster keeps one row's secret from being pasted into another's.
const secretContext = (clusterId: string) => `cluster:${clusterId}/token-secret`;

export function sealTokenSecret(config: Config, clusterId: string, secret: string): string {
  return sealSecret(secretKeyFor(config), secret, secretContext(clusterId));
}

export function openTokenSecret(
  config: Config,
  cluster: Pick<Cluster, "id" | "tokenSecretEncrypted">,
): string {
  return openSecret(secretKeyFor(config), cluster.tokenSecretEncrypted, secretContext(cluster.id));
}

/** A cluster added in the portal, with its secret decrypted, ready for a ProxmoxClient. */
export function clusterFromRow(config: Config, cluster: Cluster): ClusterConfigInput {
  return {
    id: cluster.id,
    name: cluster.name,
    apiUrls: cluster.apiUrls,
    tokenId: cluster.tokenId,
    tokenSecret: openTokenSecret(config, cluster),
    fingerprint: cluster.fingerprint ?? undefined,
    caPem: cluster.caPem ?? undefined,
    insecure: cluster.insecure,
  };
}
