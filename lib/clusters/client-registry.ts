import "server-only";
import { getClusterById, getClusterUpdatedAt, listClusters } from "@/db/queries/clusters";
import { getConfig } from "@/lib/config";
import { ProxmoxClient } from "@/lib/proxmox";
import { clusterFromConfig, ENV_CLUSTER_ID } from "./configured-cluster";
import { getNodeConcurrency } from "./node-concurrency";
import { clusterFromRow } from "./stored-cluster";

interface Entry {
  client: ProxmoxClient;
  /** The row's updatedAt when the client was built; null for clients not built from a row. */
  version: number | null;
  checkedAt: number;
}

// Another portal process may have changed a cluster; its row is looked at again after this long.
const RECHECK_MS = 5_000;
// Requests already running on a replaced client get this long to finish before its sockets close.
const RETIRE_AFTER_MS = 60_000;

const holder = globalThis as unknown as {
  roostProxmoxClients?: Map<string, Entry>;
  roostProxmoxClientsPending?: Map<string, Promise<ProxmoxClient>>;
};
holder.roostProxmoxClients ??= new Map();
holder.roostProxmoxClientsPending ??= new Map();
const entries = () => holder.roostProxmoxClients!;
const pending = () => holder.roostProxmoxClientsPending!;

/**
 * One client per cluster per process, so the resource cache and the connection pool are shared. The
 * environment's cluster comes from the environment; the others from the database, their secret decrypted.
 */
export async function getProxmoxClient(clusterId: string): Promise<ProxmoxClient> {
  const cached = entries().get(clusterId);
  if (cached && (cached.version === null || Date.now() - cached.checkedAt < RECHECK_MS)) return cached.client;
  let building = pending().get(clusterId);
  if (!building) {
    building = refresh(clusterId, cached).finally(() => pending().delete(clusterId));
    pending().set(clusterId, building);
  }
  return building;
}

async function refresh(clusterId: string, cached: Entry | undefined): Promise<ProxmoxClient> {
  if (clusterId === ENV_CLUSTER_ID) {
    const cluster = clusterFromConfig(getConfig());
    if (!cluster) throw new Error("No Proxmox VE cluster is configured (PVE_API_URLS)");
    const nodeConcurrency = getConfig().PVE_NODE_CONCURRENCY;
    return keep(clusterId, new ProxmoxClient(cluster, { nodeConcurrency }), null);
  }
  if (cached) {
    const updatedAt = await getClusterUpdatedAt({ id: clusterId });
    if (updatedAt?.getTime() === cached.version) {
      cached.checkedAt = Date.now();
      return cached.client;
    }
  }
  const row = await getClusterById({ id: clusterId });
  if (!row?.tokenSecretEncrypted) throw new Error(`Cluster "${clusterId}" is not configured`);
  const client = new ProxmoxClient(clusterFromRow(getConfig(), row), {
    nodeConcurrency: await getNodeConcurrency(clusterId),
  });
  return keep(clusterId, client, row.updatedAt.getTime());
}

function keep(clusterId: string, client: ProxmoxClient, version: number | null): ProxmoxClient {
  retire(entries().get(clusterId));
  entries().set(clusterId, { client, version, checkedAt: Date.now() });
  return client;
}

function retire(entry: Entry | undefined): void {
  if (entry) setTimeout(() => entry.client.close(), RETIRE_AFTER_MS).unref();
}

/** After a cluster is edited or removed: the next request builds a client from the new settings. */
export function forgetProxmoxClient(clusterId: string): void {
  retire(entries().get(clusterId));
  entries().delete(clusterId);
}

/** Every cluster the portal is configured for (the environment's and the enabled stored ones), for probes. */
export async function listConfiguredClusters(): Promise<
  { id: string; client: () => Promise<ProxmoxClient> }[]
> {
  const ids = new Set((await listClusters()).filter((row) => row.enabled).map((row) => row.id));
  if (clusterFromConfig(getConfig())) ids.add(ENV_CLUSTER_ID);
  for (const id of entries().keys()) ids.add(id);
  return [...ids].sort().map((id) => ({ id, client: () => getProxmoxClient(id) }));
}

/** Tests point the portal at their own simulator. */
export function installProxmoxClient(clusterId: string, client: ProxmoxClient | undefined): void {
  if (client) entries().set(clusterId, { client, version: null, checkedAt: Date.now() });
  else entries().delete(clusterId);
}
