import "server-only";
import { and, isNotNull, isNull, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { updateVm } from "@/db/queries/vm-state";
import { type Vm, vms } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { powerStateOf } from "./power-state";
import { recordVmEvent } from "./vm-timeline";

export interface ReconcileSummary {
  checked: number;
  moved: number;
  missing: number;
  resized: number;
  stateChanged: number;
  unreachableClusters: string[];
}

const GiB = 1024 ** 3;

/** What changed on the cluster for one VM record, as the update to write and the lines for its timeline. */
export function differences(
  vm: Vm,
  found: ClusterResource | undefined,
): { changes: Partial<Vm>; notes: string[] } {
  if (!found)
    return vm.state === "missing"
      ? { changes: {}, notes: [] }
      : {
          changes: { state: "missing" },
          notes: ["Not found on the cluster any more; removed outside Roost?"],
        };
  const changes: Partial<Vm> = {};
  const notes: string[] = [];
  if (found.node && found.node !== vm.node) {
    changes.node = found.node;
    notes.push(`Moved from ${vm.node} to ${found.node}`);
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
      `Size changed outside Roost: ${cores} cores, ${memoryMb / 1024} GiB memory, ${diskGb} GiB disk`,
    );
  }
  return { changes, notes };
}

/**
 * Brings the records in line with the clusters: VMs that moved node, were removed, or were resized
 * outside the portal. One resources call per cluster; nothing is changed on Proxmox.
 */
export async function reconcileVms(): Promise<ReconcileSummary> {
  const records = await getDb()
    .select()
    .from(vms)
    .where(
      and(
        isNull(vms.deletedAt),
        isNotNull(vms.vmid),
        notInArray(vms.state, ["provisioning", "failed", "deleted", "deleting"]),
      ),
    );
  const summary: ReconcileSummary = {
    checked: records.length,
    moved: 0,
    missing: 0,
    resized: 0,
    stateChanged: 0,
    unreachableClusters: [],
  };
  for (const clusterId of new Set(records.map((vm) => vm.clusterId))) {
    let resources: ClusterResource[];
    try {
      resources = await (await getProxmoxClient(clusterId)).resources.get({ maxAgeMs: 0 });
    } catch {
      summary.unreachableClusters.push(clusterId);
      continue;
    }
    for (const vm of records.filter((record) => record.clusterId === clusterId)) {
      const found = resources.find((item) => item.type === "qemu" && item.vmid === vm.vmid);
      const { changes, notes } = differences(vm, found);
      if (Object.keys(changes).length === 0) continue;
      await updateVm({ id: vm.id, ...changes });
      // Removed outside Roost: its address rests for the cool-down, then goes to someone else.
      if (changes.state === "missing") await releaseVmAddress(vm.id);
      if (changes.node) summary.moved++;
      if (changes.state === "missing") summary.missing++;
      else if (changes.state) summary.stateChanged++;
      if (changes.cores !== undefined) summary.resized++;
      for (const note of notes)
        await recordVmEvent({
          vmId: vm.id,
          kind: changes.state === "missing" ? "failed" : "reconciled",
          message: note,
          actor: systemActor,
        });
    }
  }
  return summary;
}
