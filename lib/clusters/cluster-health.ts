import "server-only";
import { listClusters } from "@/db/queries/clusters";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { cachedPrivilegeReport, describeMissing } from "@/lib/clusters/privilege-report";

export interface NodeHealth {
  node: string;
  online: boolean;
  cpu: number | null;
  cores: number;
  memoryUsed: number;
  memoryTotal: number;
  diskUsed: number;
  diskTotal: number;
}

export interface ClusterHealth {
  id: string;
  name: string;
  reachable: boolean;
  error?: string;
  nodes: NodeHealth[];
  capacity: { cores: number; memoryMb: number; storageGb: number };
  /** What the cluster's token lacks, each line with the pveum commands that grant it. */
  privilegeGaps: string[];
}

const GiB = 1024 ** 3;

/** Each enabled cluster's nodes as Proxmox reports them now, from the shared resource cache. */
export async function clusterHealth(): Promise<ClusterHealth[]> {
  const rows = await listClusters();
  return Promise.all(
    rows
      .filter((row) => row.enabled)
      .map(async (row): Promise<ClusterHealth> => {
        try {
          const client = await getProxmoxClient(row.id);
          const [resources, privileges] = await Promise.all([
            client.resources.get(),
            cachedPrivilegeReport(row.id, client).catch(() => null),
          ]);
          const nodes = resources
            .filter((item) => item.type === "node" && item.node)
            .map((item) => ({
              node: item.node!,
              online: item.status === "online",
              cpu: item.cpu ?? null,
              cores: item.maxcpu ?? 0,
              memoryUsed: item.mem ?? 0,
              memoryTotal: item.maxmem ?? 0,
              diskUsed: item.disk ?? 0,
              diskTotal: item.maxdisk ?? 0,
            }))
            .sort((a, b) => a.node.localeCompare(b.node));
          const storage = resources.filter((item) => item.type === "storage" && item.status !== "unknown");
          return {
            id: row.id,
            name: row.name,
            reachable: true,
            nodes,
            privilegeGaps: privileges ? describeMissing(privileges) : [],
            capacity: {
              cores: nodes.reduce((sum, node) => sum + node.cores, 0),
              memoryMb: Math.round(nodes.reduce((sum, node) => sum + node.memoryTotal, 0) / 1024 ** 2),
              storageGb: Math.round(storage.reduce((sum, item) => sum + (item.maxdisk ?? 0), 0) / GiB),
            },
          };
        } catch (error) {
          return {
            id: row.id,
            name: row.name,
            reachable: false,
            error: error instanceof Error ? error.message : String(error),
            nodes: [],
            capacity: { cores: 0, memoryMb: 0, storageGb: 0 },
            privilegeGaps: [],
          };
        }
      }),
  );
}
