import "server-only";
import type { Vm } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { statusPeriodMs } from "@/lib/live/status-period";
import { isClusterWatched } from "@/lib/live/status-poller";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { powerStateOf } from "./power-state";

export type LiveVm = Vm & { live: "running" | "stopped" | "paused" | "missing" | null };

function liveOf(vm: Vm, resources: ClusterResource[] | null): LiveVm["live"] {
  if (!resources || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") return null;
  const found = resources.find((item) => item.type === "qemu" && item.vmid === vm.vmid);
  if (!found) return "missing";
  return powerStateOf(found.status);
}

/**
 * Each VM's state as the cluster reports it now, from the shared resource cache: one upstream call per
 * cluster every few seconds however many pages render. Null where the cluster could not be asked.
 */
export async function withLiveState(vms: Vm[]): Promise<{ vms: LiveVm[]; unreachable: string[] }> {
  const clusterIds = [...new Set(vms.filter((vm) => vm.vmid !== null).map((vm) => vm.clusterId))];
  const unreachable: string[] = [];
  const byCluster = new Map<string, ClusterResource[] | null>();
  await Promise.all(
    clusterIds.map(async (clusterId) => {
      try {
        // While open pages keep a poller on the cluster, it keeps this answer fresh: renders reuse it.
        const age = isClusterWatched(clusterId) ? { maxAgeMs: 2 * statusPeriodMs() } : {};
        byCluster.set(clusterId, await (await getProxmoxClient(clusterId)).resources.get(age));
      } catch {
        unreachable.push(clusterId);
        byCluster.set(clusterId, null);
      }
    }),
  );
  return {
    vms: vms.map((vm) => ({ ...vm, live: liveOf(vm, byCluster.get(vm.clusterId) ?? null) })),
    unreachable,
  };
}
