import type { Vm } from "@/db/schema";
import { formatGiB, formatMemory } from "@/lib/format";
import { message } from "@/lib/i18n/message";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { powerStateOf } from "./power-state";

const GiB = 1024 ** 3;

/** What changed on the cluster for a VM it lists, as the update to write and its timeline lines (tokens). */
export function differences(vm: Vm, found: ClusterResource): { changes: Partial<Vm>; notes: string[] } {
  const changes: Partial<Vm> = {};
  const notes: string[] = [];
  if (found.node && found.node !== vm.node) {
    changes.node = found.node;
    notes.push(message("timeline.moved", { from: vm.node ?? "", to: found.node }));
  }
  if ((found.pool ?? null) !== vm.pool) changes.pool = found.pool ?? null;
  const state = powerStateOf(found.status);
  if (state && vm.state !== state) changes.state = state;
  const cores = found.maxcpu ? Math.round(found.maxcpu) : vm.cores;
  const memoryMb = found.maxmem ? Math.round(found.maxmem / 1024 ** 2) : vm.memoryMb;
  const diskGb = found.maxdisk ? Math.round(found.maxdisk / GiB) : vm.diskGb;
  if (cores !== vm.cores || memoryMb !== vm.memoryMb || diskGb !== vm.diskGb) {
    Object.assign(changes, { cores, memoryMb, diskGb });
    notes.push(
      message("timeline.resizedOutside", { cores, memory: formatMemory(memoryMb), disk: formatGiB(diskGb) }),
    );
  }
  return { changes, notes };
}

/**
 * Why the VMs a resource list leaves out say more about the answer than about the VMs, or null.
 * Proxmox omits every VM the token may not audit (pve-manager PVE/API2/Cluster.pm `resources`:
 * `next if !$rpcenv->check($authuser, "/vms/$vmid", ['VM.Audit'], 1)`), so a lost pool grant, an
 * edited role or a replaced token hides many VMs at once. Removals outside the portal come one or a
 * few at a time, and this runs every five minutes: more than a third of the portal's VMs on a cluster
 * gone between two runs is far likelier a filtered answer. At least two, so that a cluster holding one
 * or two portal VMs still follows a single removal, which is then proven VM by VM (vm-sighting.ts).
 */
export function filteredAnswerReason(counts: {
  live: number;
  absent: number;
  vmRows: number;
}): string | null {
  const { live, absent, vmRows } = counts;
  if (absent === 0) return null;
  if (vmRows === 0)
    return "/cluster/resources lists no VM at all, not even a template, as it answers a token that may audit no VM (VM.Audit).";
  if (absent >= 2 && absent * 3 > live)
    return `/cluster/resources leaves out ${absent} of the ${live} portal VMs recorded on this cluster. Proxmox omits every VM the token may not audit (VM.Audit), so this looks like lost privileges, not removals; check the token on Admin → Clusters.`;
  return null;
}
