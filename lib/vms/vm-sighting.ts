import "server-only";
import type { ProxmoxClient } from "@/lib/proxmox";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { identityProblems, isForbidden, type RecordedVm, saysVmDoesNotExist } from "./vm-identity";

/** What the cluster says, asked directly, about a VM its resource list left out. */
export type VmSighting =
  | { seen: "gone"; note: string }
  | { seen: "replaced"; note: string }
  | { seen: "present"; node: string }
  | { seen: "unknown"; reason: string };

/** The cluster's nodes by whether they answer, from the node rows of /cluster/resources. */
export function nodesByState(resources: ClusterResource[]): { online: string[]; offline: string[] } {
  const nodes = resources.filter((item) => item.type === "node" && item.node);
  return {
    online: nodes.filter((item) => item.status === "online").map((item) => item.node!),
    offline: nodes.filter((item) => item.status !== "online").map((item) => item.node!),
  };
}

const reasonOf = (error: unknown) =>
  (error as { reason?: string }).reason || (error instanceof Error ? error.message : String(error));

/**
 * Looks for a VM that /cluster/resources did not list, and says it is gone only on proof. That list
 * leaves out every VM the token may not audit (pve-manager PVE/API2/Cluster.pm `resources`), so its
 * silence proves nothing. Proof is either:
 * - /cluster/nextid?vmid=N calling the id free: it reads the cluster's whole VM list, which no ACL
 *   filters (Cluster.pm `nextid`, permission `user => 'all'`), so no node holds a VM with that id; or
 * - the VM's own config, asked of every online node (the recorded one first): "does not exist" on each
 *   while no node is offline, or a VM with that id that is not the one the portal made (another name,
 *   no roost tag).
 * A refusal (403), an error or an unanswered node means the portal cannot tell, and changes nothing.
 */
export async function lookForVm(
  client: ProxmoxClient,
  recorded: RecordedVm,
  nodes: { online: string[]; offline: string[] },
): Promise<VmSighting> {
  try {
    if (await client.isVmidFree(recorded.vmid))
      return { seen: "gone", note: "Not on the cluster any more: no node holds a VM with its id" };
  } catch (error) {
    return {
      seen: "unknown",
      reason: `the cluster did not say whether id ${recorded.vmid} is taken: ${reasonOf(error)}`,
    };
  }
  // The recorded node first (none when the record lost it).
  const order = [recorded.node, ...nodes.online.filter((node) => node !== recorded.node)].filter(Boolean);
  if (order.length === 0) return { seen: "unknown", reason: "no node was there to ask" };
  for (const node of order) {
    let config: Record<string, unknown>;
    try {
      config = await client.qemu.config(node, recorded.vmid);
    } catch (error) {
      if (saysVmDoesNotExist(error)) continue;
      return {
        seen: "unknown",
        reason: isForbidden(error)
          ? `Proxmox refused its config on ${node} (403: ${reasonOf(error)})`
          : `its config on ${node} could not be read: ${reasonOf(error)}`,
      };
    }
    const problems = identityProblems(config, recorded);
    if (problems.length === 0) return { seen: "present", node };
    return {
      seen: "replaced",
      note: `Not on the cluster any more: VM ${recorded.vmid} on ${node} ${problems.join(" and ")}, so another VM took its id`,
    };
  }
  // The id is taken, yet no node holds a QEMU config for it: a container holds it (the VM list has
  // both kinds), unless a node that was not asked holds the VM.
  if (nodes.offline.length === 0)
    return {
      seen: "gone",
      note: `Not on the cluster any more: no node holds its config (id ${recorded.vmid} now belongs to something else)`,
    };
  return {
    seen: "unknown",
    reason: `no node that answered holds its config, and ${nodes.offline.join(", ")} did not answer`,
  };
}
