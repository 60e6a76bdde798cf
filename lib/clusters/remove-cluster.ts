import "server-only";
import { getDb } from "@/db/client";
import { countVmsOnCluster, deleteCluster, lockCluster } from "@/db/queries/clusters";
import { conflict, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import { forgetProxmoxClient } from "./client-registry";
import { ENV_CLUSTER_ID } from "./configured-cluster";
import { envClusterMessage } from "./save-cluster";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Removes a cluster with its templates, ISOs and networks. Refused while any VM record points at it: live
 * VMs would be orphaned, and deleted VMs' records are history the audit trail refers to.
 */
export async function removeCluster(id: string): Promise<{ id: string; name: string }> {
  if (id === ENV_CLUSTER_ID) throw conflict(envClusterMessage);
  const removed = await getDb().transaction(async (tx) => {
    const cluster = await lockCluster({ id }, tx);
    if (!cluster) throw notFound("That cluster does not exist.");
    const { live, total } = await countVmsOnCluster({ clusterId: id }, tx);
    if (live > 0)
      throw conflict(
        `${cluster.name} still has ${plural(live, "VM", "VMs")} in the portal; delete ${live === 1 ? "it" : "them"} before removing the cluster.`,
      );
    if (total > 0)
      throw conflict(
        `${cluster.name} cannot be removed: the records of ${plural(total, "deleted VM", "deleted VMs")} still refer to it.`,
      );
    await deleteCluster({ id }, tx);
    return { id, name: cluster.name };
  });
  forgetProxmoxClient(id);
  log.info({ clusterId: id }, "cluster removed");
  return removed;
}
