import "server-only";
import { getConfig } from "@/lib/config";
import { ProxmoxClient } from "@/lib/proxmox";
import { clusterFromConfig, ENV_CLUSTER_ID } from "./configured-cluster";

const holder = globalThis as unknown as { roostProxmoxClients?: Map<string, ProxmoxClient> };

/** One client per cluster per process, so the resource cache and the connection pool are shared. */
export function getProxmoxClient(clusterId: string): ProxmoxClient {
  holder.roostProxmoxClients ??= new Map();
  const existing = holder.roostProxmoxClients.get(clusterId);
  if (existing) return existing;
  if (clusterId !== ENV_CLUSTER_ID) throw new Error(`Cluster "${clusterId}" is not configured`);
  const cluster = clusterFromConfig(getConfig());
  if (!cluster) throw new Error("No Proxmox VE cluster is configured (PVE_API_URLS)");
  const client = new ProxmoxClient(cluster);
  holder.roostProxmoxClients.set(clusterId, client);
  return client;
}

/** Every cluster this process talks to: the configured one and any a test installed. */
export function listProxmoxClients(): { id: string; client: ProxmoxClient }[] {
  if (clusterFromConfig(getConfig())) getProxmoxClient(ENV_CLUSTER_ID);
  return [...(holder.roostProxmoxClients ?? new Map<string, ProxmoxClient>())].map(([id, client]) => ({
    id,
    client,
  }));
}

/** Tests point the portal at their own simulator. */
export function installProxmoxClient(clusterId: string, client: ProxmoxClient | undefined): void {
  holder.roostProxmoxClients ??= new Map();
  if (client) holder.roostProxmoxClients.set(clusterId, client);
  else holder.roostProxmoxClients.delete(clusterId);
}
