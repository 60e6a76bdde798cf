import "server-only";
import { listClusters } from "@/db/queries/clusters";
import { listReconcilableVms, updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { systemActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { message } from "@/lib/i18n/message";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import type { ProxmoxClient } from "@/lib/proxmox";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { emitVmStateChanged } from "@/lib/webhooks/vm-webhooks";
import { differences, filteredAnswerReason } from "./reconcile-differences";
import { recordReconcileOutcome } from "./reconcile-hold";
import { isForbidden } from "./vm-identity";
import { lookForVm, nodesByState } from "./vm-sighting";
import { recordVmEvent } from "./vm-timeline";

export interface ReconcileSummary {
  checked: number;
  moved: number;
  missing: number;
  resized: number;
  stateChanged: number;
  unreachableClusters: string[];
  /** Clusters where VMs looked gone without proof: none of them was marked missing. */
  held: { clusterId: string; reason: string; vms: number }[];
}

interface Hold {
  reason: string;
  vms: number;
  details: string[];
}

const label = (vm: Vm) => `${vm.name} (${vm.vmid})`;

async function applyChanges(vm: Vm, found: ClusterResource, summary: ReconcileSummary) {
  const { changes, notes } = differences(vm, found);
  if (Object.keys(changes).length === 0) return;
  await updateVm({ id: vm.id, ...changes });
  if (changes.node) summary.moved++;
  if (changes.state) summary.stateChanged++;
  if (changes.state) await emitVmStateChanged(vm, changes.state, "reconcile");
  if (changes.cores !== undefined) summary.resized++;
  for (const note of notes)
    await recordVmEvent({ vmId: vm.id, kind: "reconciled", message: note, actor: systemActor });
}

async function markMissing(vm: Vm, note: string, summary: ReconcileSummary) {
  await updateVm({ id: vm.id, state: "missing" });
  await emitVmStateChanged(vm, "missing", "reconcile");
  // Proven gone: its address rests for the cool-down, then goes to someone else.
  await releaseVmAddress(vm.id);
  summary.missing++;
  await recordVmEvent({ vmId: vm.id, kind: "failed", message: note, actor: systemActor });
}

/**
 * The VMs the list left out: each is marked missing only once proven gone, and none when the answer as
 * a whole looks filtered. Returns what was held back, or null.
 */
async function followAbsentVms(
  client: ProxmoxClient,
  resources: ClusterResource[],
  absent: Vm[],
  live: number,
  summary: ReconcileSummary,
): Promise<Hold | null> {
  const vmRows = resources.filter((item) => item.type === "qemu").length;
  const filtered = filteredAnswerReason({ live, absent: absent.length, vmRows });
  if (filtered) return { reason: filtered, vms: absent.length, details: absent.map(label) };
  const nodes = nodesByState(resources);
  const held: string[] = [];
  for (const vm of absent) {
    // A node that does not answer cannot say what it holds: a VM recorded there is never declared gone
    // while it is down.
    if (nodes.offline.includes(vm.node!)) {
      held.push(`${label(vm)}: its node ${vm.node} is offline`);
      continue;
    }
    const sighting = await lookForVm(client, { node: vm.node!, vmid: vm.vmid!, name: vm.name }, nodes);
    if (sighting.seen === "gone" || sighting.seen === "replaced")
      await markMissing(vm, sighting.note, summary);
    else if (sighting.seen === "unknown") held.push(`${label(vm)}: ${sighting.reason}`);
    else if (sighting.node !== vm.node) {
      await updateVm({ id: vm.id, node: sighting.node });
      summary.moved++;
      await recordVmEvent({
        vmId: vm.id,
        kind: "reconciled",
        message: message("timeline.moved", { from: vm.node ?? "", to: sighting.node }),
        actor: systemActor,
      });
    }
  }
  if (held.length === 0) return null;
  const which = held.length === 1 ? "A VM" : `${held.length} VMs`;
  return {
    reason: `${which} absent from /cluster/resources could not be proven gone (${held.slice(0, 3).join("; ")}${held.length > 3 ? "; …" : ""}).`,
    vms: held.length,
    details: held,
  };
}

async function reconcileCluster(clusterId: string, records: Vm[], summary: ReconcileSummary) {
  let client: ProxmoxClient;
  let resources: ClusterResource[];
  try {
    client = await getProxmoxClient(clusterId);
    resources = await client.resources.get({ maxAgeMs: 0 });
  } catch (error) {
    summary.unreachableClusters.push(clusterId);
    if (isForbidden(error)) {
      const refusal = (error as { reason?: string }).reason || (error as Error).message;
      const reason = `Proxmox refused the resource list (403: ${refusal}), so no VM could be checked.`;
      await recordReconcileOutcome(clusterId, { reason, vms: records.length, details: records.map(label) });
      summary.held.push({ clusterId, reason, vms: records.length });
    }
    return;
  }
  const listed = new Map(
    resources.filter((item) => item.type === "qemu").map((item) => [item.vmid, item] as const),
  );
  const absent: Vm[] = [];
  for (const vm of records) {
    const found = listed.get(vm.vmid!);
    if (found) await applyChanges(vm, found, summary);
    else if (vm.state !== "missing") absent.push(vm);
  }
  const live = records.filter((vm) => vm.state !== "missing").length;
  const hold = await followAbsentVms(client, resources, absent, live, summary);
  await recordReconcileOutcome(clusterId, hold);
  if (hold) summary.held.push({ clusterId, reason: hold.reason, vms: hold.vms });
}

/**
 * Brings the records in line with the clusters: VMs that moved node, were resized or changed power
 * state outside the portal, and VMs proven removed. One resources call per cluster, and a look at each
 * VM it leaves out; nothing is changed on Proxmox.
 */
export async function reconcileVms(): Promise<ReconcileSummary> {
  const records = await listReconcilableVms();
  const summary: ReconcileSummary = {
    checked: records.length,
    moved: 0,
    missing: 0,
    resized: 0,
    stateChanged: 0,
    unreachableClusters: [],
    held: [],
  };
  const withRecords = new Set(records.map((vm) => vm.clusterId));
  for (const clusterId of withRecords)
    await reconcileCluster(
      clusterId,
      records.filter((vm) => vm.clusterId === clusterId),
      summary,
    );
  // A cluster left without records (its held VMs deleted in the portal) has nothing to hold any more.
  for (const { id } of await listClusters()) if (!withRecords.has(id)) await recordReconcileOutcome(id, null);
  return summary;
}
