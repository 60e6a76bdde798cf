import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { stopForLease } from "@/lib/leases/lease-actions";
import { log } from "@/lib/log";
import type { ProxmoxClient } from "@/lib/proxmox";
import { Semaphore } from "@/lib/proxmox/semaphore";
import { powerStateOf } from "@/lib/vms/power-state";
import { onCurrentNode } from "@/lib/vms/vm-location";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { emitVmStateChanged } from "@/lib/webhooks/vm-webhooks";

/** How many VMs of one batch are powered at once; the client bounds requests per node on top. */
const IN_FLIGHT = 4;
const SHUTDOWN_TIMEOUT_S = 60;

export type BatchAction = "start" | "stop";

export interface BatchOutcome {
  vmId: string;
  name: string;
  outcome: "done" | "already" | "missing" | "failed";
  error?: string;
}

async function startOne(vm: Vm): Promise<BatchOutcome["outcome"]> {
  const client = await getProxmoxClient(vm.clusterId);
  const where = { id: vm.id, node: vm.node!, vmid: vm.vmid!, name: vm.name };
  const status = await onCurrentNode(client, where, (node) => client.qemu.status(node, where.vmid));
  const state = powerStateOf(status.status, status.qmpstatus);
  if (state === "running") return "already";
  const action = state === "paused" ? "resume" : "start";
  await onCurrentNode(client, where, async (node) =>
    client.tasks.wait(await client.qemu.power(node, where.vmid, action), { deadlineMs: 180_000 }),
  );
  client.resources.noteGuestStatus(where.vmid, "running");
  return "done";
}

async function stopOne(vm: Vm): Promise<BatchOutcome["outcome"]> {
  // A shutdown, forced after a minute for a guest that ignores it; a paused guest is stopped at once.
  const outcome = await stopForLease(vm);
  return outcome === "stopped" ? "done" : outcome === "already-stopped" ? "already" : "missing";
}

/** Whether the cluster has PVE 9.1's bulk actions; asked once per client. */
const bulkCapable = new WeakMap<ProxmoxClient, Promise<boolean>>();
function hasBulkActions(client: ProxmoxClient): Promise<boolean> {
  let known = bulkCapable.get(client);
  if (!known) {
    known = client.version().then(
      ({ release }) => {
        const [major = 0, minor = 0] = release.split(".").map(Number);
        return major > 9 || (major === 9 && minor >= 1);
      },
      () => false,
    );
    bulkCapable.set(client, known);
  }
  return known;
}

const statusesOf = async (client: ProxmoxClient) =>
  new Map(
    (await client.resources.get({ maxAgeMs: 0 }))
      .filter((item) => item.type === "qemu" && item.vmid !== undefined)
      .map((item) => [item.vmid!, powerStateOf(item.status)] as const),
  );

/**
 * One cluster's VMs in one bulk task. Each VM's outcome is its state before and after, as the cluster
 * lists it; the task's error (it names the guests that failed) is the failed ones' reason.
 */
async function bulkOutcomes(client: ProxmoxClient, vms: Vm[], action: BatchAction) {
  const wanted = action === "start" ? "running" : "stopped";
  const before = await statusesOf(client);
  const todo = vms.filter((vm) => before.has(vm.vmid!) && before.get(vm.vmid!) !== wanted);
  let error: string | undefined;
  if (todo.length > 0) {
    try {
      const upid = await client.bulkPower(
        action === "start" ? "start" : "shutdown",
        todo.map((vm) => vm.vmid!),
        {
          maxWorkers: IN_FLIGHT,
          ...(action === "stop" ? { timeout: SHUTDOWN_TIMEOUT_S, forceStop: true } : {}),
        },
      );
      await client.tasks.wait(upid, { deadlineMs: 30 * 60_000 });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  }
  const after = await statusesOf(client);
  return new Map(
    vms.map((vm): [string, BatchOutcome["outcome"] | Error] => {
      if (!before.has(vm.vmid!) && !after.has(vm.vmid!)) return [vm.id, "missing"];
      if (before.get(vm.vmid!) === wanted) return [vm.id, "already"];
      if (after.get(vm.vmid!) === wanted) return [vm.id, "done"];
      return [vm.id, new Error(error ?? `Proxmox left it ${after.get(vm.vmid!) ?? "unlisted"}`)];
    }),
  );
}

/**
 * Starts or stops many VMs for the portal (a class schedule, idle stop, the end of a term), a few at a
 * time. Each VM's record, timeline and webhooks follow; one VM's failure is its own outcome, never the
 * batch's.
 */
export async function powerVms(
  vms: Vm[],
  action: BatchAction,
  { actor, message }: { actor: AuditActor; message: string },
): Promise<BatchOutcome[]> {
  // On PVE 9.1+ a cluster with several VMs in the batch powers them in one bulk task; elsewhere (and for
  // one VM) the portal calls each VM's power action, a few at a time.
  const bulk = new Map<string, BatchOutcome["outcome"] | Error>();
  for (const clusterId of new Set(vms.map((vm) => vm.clusterId))) {
    const inCluster = vms.filter((vm) => vm.clusterId === clusterId);
    const client = await getProxmoxClient(clusterId);
    if (inCluster.length < 2 || !(await hasBulkActions(client))) continue;
    try {
      for (const [vmId, outcome] of await bulkOutcomes(client, inCluster, action)) bulk.set(vmId, outcome);
    } catch (error) {
      log.warn({ err: error, clusterId }, "bulk power failed; powering the VMs one by one");
    }
  }
  const slots = new Semaphore(IN_FLIGHT);
  return Promise.all(
    vms.map((vm) =>
      slots.run(async (): Promise<BatchOutcome> => {
        try {
          const known = bulk.get(vm.id);
          if (known instanceof Error) throw known;
          const outcome = known ?? (await (action === "start" ? startOne(vm) : stopOne(vm)));
          const state = action === "start" ? "running" : "stopped";
          if (outcome === "missing") {
            await updateVm({ id: vm.id, state: "missing" });
          } else if (vm.state !== state) {
            await updateVm({ id: vm.id, state });
            await emitVmStateChanged(vm, state, "portal");
          }
          if (outcome === "done")
            await recordVmEvent({
              vmId: vm.id,
              kind: action === "start" ? "started" : "stopped",
              message,
              actor,
            });
          return { vmId: vm.id, name: vm.name, outcome };
        } catch (error) {
          log.warn({ err: error, vmId: vm.id, action }, "a batch power action failed for a VM");
          const reason = error instanceof Error ? error.message : String(error);
          return { vmId: vm.id, name: vm.name, outcome: "failed", error: reason };
        }
      }),
    ),
  );
}
