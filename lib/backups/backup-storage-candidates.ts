import "server-only";
import { listBackupStorages } from "@/db/queries/backups";
import { getProxmoxClient } from "@/lib/clusters/client-registry";

export interface BackupStorageCandidate {
  storage: string;
  type: string;
}

/**
 * The cluster's storages that take backups (PBS datastores, directory, NFS or CIFS storages with `backup`
 * in their content) and are not approved yet, as the online nodes report them; a shared storage once.
 */
export async function backupStorageCandidates(clusterId: string): Promise<BackupStorageCandidate[]> {
  const client = await getProxmoxClient(clusterId);
  const [nodes, approved] = await Promise.all([client.nodes(), listBackupStorages({ clusterId })]);
  const taken = new Set(approved.map((storage) => storage.storage));
  const found = new Map<string, BackupStorageCandidate>();
  for (const node of nodes.filter((each) => each.status === "online")) {
    for (const storage of await client.storages(node.node, { content: "backup" })) {
      if (!taken.has(storage.storage) && !found.has(storage.storage))
        found.set(storage.storage, { storage: storage.storage, type: storage.type ?? "dir" });
    }
  }
  return [...found.values()].sort((a, b) => a.storage.localeCompare(b.storage));
}
