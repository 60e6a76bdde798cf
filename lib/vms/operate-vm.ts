import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person, type VmAction } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { isProxmoxError, type PowerAction } from "@/lib/proxmox";
import { assertStartAllowed } from "@/lib/schedules/class-start-guard";
import type { WebhookEventDataOf } from "@/lib/webhooks/event-types";
import { emitVmDeleted, emitVmStateChanged } from "@/lib/webhooks/vm-webhooks";
import { removeVmWeMade } from "./vm-identity";
import { onCurrentNode } from "./vm-location";
import { recordVmEvent, type VmEventKind } from "./vm-timeline";

const SHUTDOWN_TIMEOUT_S = 60;

const outcome: Record<
  PowerAction,
  { kind: VmEventKind; message: string; state: "running" | "stopped" | "paused" }
> = {
  start: { kind: "started", message: message("timeline.started"), state: "running" },
  shutdown: { kind: "stopped", message: message("timeline.shutDown"), state: "stopped" },
  stop: { kind: "stopped", message: message("timeline.stopped"), state: "stopped" },
  reboot: { kind: "rebooted", message: message("timeline.rebooted"), state: "running" },
  reset: { kind: "rebooted", message: message("timeline.reset"), state: "running" },
  suspend: { kind: "suspended", message: message("timeline.paused"), state: "paused" },
  resume: { kind: "resumed", message: message("timeline.resumed"), state: "running" },
};

/** The VM, if it exists on the cluster and the person may do this to it (see `authorizeVm`). */
async function liveVm(vmId: string, person: Person, action: VmAction) {
  const vm = await authorizeVm(person, vmId, action);
  if (vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null || vm.state === "provisioning" || vm.state === "failed") {
    throw conflict(message("errors.vm.notReady"));
  }
  return { ...vm, node: vm.node, vmid: vm.vmid };
}

function explain(error: unknown): never {
  if (isProxmoxError(error))
    throw conflict(
      error.kind === "task-failed"
        ? `Proxmox says: ${error.message}.`
        : `Proxmox refused: ${error.reason ?? error.message}.`,
    );
  throw error;
}

export async function powerOwnedVm({
  vmId,
  person,
  action,
  actor,
}: {
  vmId: string;
  person: Person;
  action: PowerAction;
  actor: AuditActor;
}) {
  const vm = await liveVm(vmId, person, "power");
  if (action === "start") await assertStartAllowed(person, vm);
  const client = await getProxmoxClient(vm.clusterId);
  try {
    // An ACPI shutdown the guest ignores fails after this long; the member is then offered a forced stop.
    const params = action === "shutdown" ? { timeout: SHUTDOWN_TIMEOUT_S } : {};
    await onCurrentNode(client, vm, async (node) =>
      client.tasks.wait(await client.qemu.power(node, vm.vmid, action, params), { deadlineMs: 180_000 }),
    );
  } catch (error) {
    // _do_vm_stop's own words when the guest ignored the power button; any other failure (a lock, say)
    // is explained as Proxmox gave it.
    if (
      action === "shutdown" &&
      isProxmoxError(error) &&
      error.kind === "task-failed" &&
      /powerdown failed - got timeout/.test(error.message)
    ) {
      throw conflict(message("errors.vm.shutdownTimeout", { seconds: SHUTDOWN_TIMEOUT_S }));
    }
    explain(error);
  }
  const result = outcome[action];
  // The task ended: the cached answer learns the state now, and open pages with it, at no extra read.
  client.resources.noteGuestStatus(vm.vmid, result.state);
  await updateVm({ id: vm.id, state: result.state });
  await recordVmEvent({ vmId: vm.id, kind: result.kind, message: result.message, actor });
  await emitVmStateChanged(vm, result.state, "portal");
  return { state: result.state };
}

/** Deletes after the person typed the VM's name: stop, destroy with purge, keep the record marked deleted. */
export async function deleteOwnedVm({
  vmId,
  person,
  confirmName,
  actor,
}: {
  vmId: string;
  person: Person;
  confirmName: string;
  actor: AuditActor;
}) {
  const record = await authorizeVm(person, vmId, "delete");
  if (record.state === "deleted") throw notFound();
  if (confirmName.trim() !== record.name)
    throw invalid(message("errors.vm.confirmName", { name: record.name }), "confirmName");
  await destroyVm(record, {
    actor,
    timeline: message("timeline.deleted"),
    reason: person.role === "admin" && person.id !== record.ownerId ? "admin" : "owner",
  });
}

/**
 * Destroys a VM the portal made (stop, destroy with purge) and keeps its record, marked deleted, as its
 * history; its addresses go back to their pool. The caller has checked who asks and why.
 */
export async function destroyVm(
  record: Vm,
  {
    actor,
    timeline,
    reason,
  }: { actor: AuditActor; timeline: string; reason: WebhookEventDataOf<"vm.deleted">["reason"] },
) {
  if (record.node && record.vmid !== null) {
    const client = await getProxmoxClient(record.clusterId);
    try {
      await removeVmWeMade(client, {
        id: record.id,
        node: record.node,
        vmid: record.vmid,
        name: record.name,
      });
    } catch (error) {
      explain(error);
    }
  }
  await updateVm({ id: record.id, state: "deleted", deletedAt: new Date(), ipAddress: null });
  const released = await releaseVmAddress(record.id);
  await recordVmEvent({
    vmId: record.id,
    kind: "deleted",
    message: timeline,
    actor,
    ...(released.length ? { detail: { releasedAddresses: released } } : {}),
  });
  await emitVmDeleted(record, reason);
}
