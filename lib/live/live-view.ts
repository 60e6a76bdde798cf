import type { Vm } from "@/db/schema";
import type { PowerState } from "@/lib/vms/power-state";

/** A cluster's answer reduced to what pages show: each QEMU guest's power state, by VMID. */
export type ClusterStatuses = ReadonlyMap<number, PowerState | null>;

export type LiveStatus = PowerState | "missing" | null;

/** What an open page shows of a VM and may change in the browser without rendering the page again. */
export interface LiveVmView {
  id: string;
  name: string;
  state: Vm["state"];
  /** The cluster's power state; null where it is not asked (provisioning, failed) or not known yet. */
  live: LiveStatus;
  stateDetail: string | null;
  progress: number | null;
  leaseExpiresAt: string | null;
  node: string | null;
  ipAddress: string | null;
}

/** The same reading as the server-rendered dashboard's (lib/vms/live-state.ts). */
export function liveStatusOf(vm: Pick<Vm, "vmid" | "state">, statuses: ClusterStatuses | null): LiveStatus {
  if (!statuses || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") return null;
  if (!statuses.has(vm.vmid)) return "missing";
  return statuses.get(vm.vmid) ?? null;
}

export function liveViewOf(vm: Vm, statuses: ClusterStatuses | null): LiveVmView {
  return {
    id: vm.id,
    name: vm.name,
    state: vm.state,
    live: liveStatusOf(vm, statuses),
    stateDetail: vm.stateDetail,
    progress: vm.progress,
    leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
    node: vm.node,
    ipAddress: vm.ipAddress,
  };
}
