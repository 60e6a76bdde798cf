import "server-only";
import { getDb } from "@/db/client";
import { countVmsOnCluster, deleteCluster, lockCluster } from "@/db/queries/clusters";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { log } from "@/lib/log";
import { forgetProxmoxClient } from "./client-registry";
import { ENV_CLUSTER_ID } from "./configured-cluster";
import { setNodeConcurrency } from "./node-concurrency";
import { envClusterMessage } from "./save-cluster";

/**
 * Removes a cluster with its templates, ISOs and networks. Refused while any VM record points at it: live
 * VMs would be orphaned, and deleted VMs' records are history the audit trail refers to.
 */
export async function removeCluster(id: string): Promise<{ id: string; name: string }> {
  if (id === ENV_CLUSTER_ID) throw conflict(envClusterMessage);
  const removed = await getDb().transaction(async (tx) => {
    const cluster = await lockCluster({ id }, tx);
    if (!cluster) throw notFound(message("errors.clusters.noSuchCluster"));
    const { live, total } = await countVmsOnCluster({ clusterId: id }, tx);
    if (live > 0)
      throw conflict(message("errors.clusters.vmsRemain", { cluster: cluster.name, count: live }));
    if (total > 0)
      throw conflict(message("errors.clusters.deletedVmsRemain", { cluster: cluster.name, count: total }));
    await deleteCluster({ id }, tx);
    return { id, name: cluster.name };
  });
  forgetProxmoxClient(id);
  await setNodeConcurrency(id, null, null);
  log.info({ clusterId: id }, "cluster removed");
  return removed;
}
