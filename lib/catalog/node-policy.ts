import "server-only";
import { countPortalVmsByNode } from "@/db/queries/catalog";
import { getSetting } from "@/lib/settings/settings";

/**
 * Which nodes of a cluster may take a new portal VM: those admins approved (every node when none is)
 * that are below their cap of portal VMs. `null` means no restriction.
 */
export async function nodesOpenForNewVms(
  clusterId: string,
): Promise<{ nodes: string[] | null } | { error: string }> {
  const approved = (await getSetting("catalog.nodes")).filter((entry) => entry.clusterId === clusterId);
  if (approved.length === 0) return { nodes: null };
  const counts = await countPortalVmsByNode({ clusterId });
  const open = approved
    .filter((entry) => entry.maxVms === null || (counts.get(entry.node) ?? 0) < entry.maxVms)
    .map((entry) => entry.node);
  if (open.length === 0)
    return {
      error: "Every server approved for the portal holds as many VMs as allowed. Ask an admin for room.",
    };
  return { nodes: open };
}

/** The storage for a new disk on `node`: the first approved one the node has, else the configured default. */
export async function diskStorageFor(
  clusterId: string,
  listAvailable: () => Promise<string[]>,
  fallback: string,
): Promise<string> {
  const approved = (await getSetting("catalog.storages")).filter((entry) => entry.clusterId === clusterId);
  if (approved.length === 0) return fallback;
  const available = await listAvailable();
  return approved.find((entry) => available.includes(entry.storage))?.storage ?? fallback;
}
