import "server-only";
import { DEFAULT_NODE_CONCURRENCY } from "@/lib/proxmox/node-lanes";
import { getSetting, setSetting } from "@/lib/settings/settings";

/**
 * How many requests the portal keeps in flight per node of a stored cluster: what an admin set in the
 * cluster form, else pveproxy's worker count. It lives in the settings table, beside the catalog's
 * per-cluster lists, so the clusters table needs no column for it.
 */
export async function getNodeConcurrency(clusterId: string): Promise<number> {
  const entries = await getSetting("proxmox.nodeConcurrency");
  return entries.find((entry) => entry.clusterId === clusterId)?.limit ?? DEFAULT_NODE_CONCURRENCY;
}

/** Sets a cluster's limit (null: back to the default). */
export async function setNodeConcurrency(
  clusterId: string,
  limit: number | null,
  updatedBy: string | null,
): Promise<void> {
  const others = (await getSetting("proxmox.nodeConcurrency")).filter(
    (entry) => entry.clusterId !== clusterId,
  );
  const kept =
    limit === null || limit === DEFAULT_NODE_CONCURRENCY ? others : [...others, { clusterId, limit }];
  await setSetting("proxmox.nodeConcurrency", kept, updatedBy);
}
