import "server-only";
import type { ProxmoxClient } from "@/lib/proxmox";
import { identityProblems, isForbidden, type RecordedVm, saysVmDoesNotExist } from "./vm-identity";

/** What the cluster says, asked directly, about a VM its resource list left out. */
export type VmSighting =
  | { seen: "gone"; note: string }
  | { seen: "replaced"; note: string }
  | { seen: "present"; node: string }
  | { seen: "unknown"; reason: string };

const reasonOf = (error: unknown) =>
  (error as { reason?: string }).reason || (error instanceof Error ? error.message : String(error));

/**
 * Looks for a VM that /cluster/resources did not list, and says it is gone only on proof. That list
 * leaves out every VM the token may not audit (pve-manager PVE/API2/Cluster.pm `resources`), so its
 * silence proves nothing. Proof is either:
 * - /cluster/nextid?vmid=N calling the id free: it reads the cluster's whole VM list, which no ACL
 *   filters (Cluster.pm `nextid`, permission `user => 'all'`), so no node holds a VM with that id; or
 * - the VM's own config, asked of every node in `nodes` (the recorded one first): "does not exist" on
 *   each, or a VM with that id that is not the one the portal made (another name, no roost tag).
 * A refusal (403), an error or an unanswered node means the portal cannot tell, and changes nothing.
 */
export async function lookForVm(
  client: ProxmoxClient,
  recorded: RecordedVm,
  nodes: string[],
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
  const order = [recorded.node, ...nodes.filter((node) => node !== recorded.node)];
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
  return {
    seen: "unknown",
    reason: `id ${recorded.vmid} is taken, but no node asked (${order.join(", ")}) holds its config`,
  };
}
