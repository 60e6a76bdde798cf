import "server-only";
import type { Vm } from "@/db/schema";
import { type WebhookEventDataOf, type WebhookVm, webhookEventData } from "./event-types";
import { emitWebhookEvent } from "./events";

type ReportedState = WebhookEventDataOf<"vm.state_changed">["state"];
type StateSource = WebhookEventDataOf<"vm.state_changed">["source"];

const reportedStates = new Set<string>(webhookEventData["vm.state_changed"].shape.state.options);

/** The VM as webhooks show it, with what just changed. */
export function webhookVmOf(vm: Vm, changed: Partial<Pick<Vm, "state">> = {}): WebhookVm {
  return {
    id: vm.id,
    name: vm.name,
    ownerId: vm.ownerId,
    clusterId: vm.clusterId,
    node: vm.node,
    vmid: vm.vmid,
    state: vm.state,
    ipAddress: vm.ipAddress,
    ...changed,
  };
}

/** Provisioning finished and the VM runs; a retried provisioning job reports it once. */
export function emitVmCreated(vm: Vm): Promise<void> {
  return emitWebhookEvent("vm.created", { vm: webhookVmOf(vm) }, { key: vm.id });
}

/**
 * The VM's state changed from the record's (`vm`, as it was) to `state`, as a power action,
 * reconciliation or a live poll saw it; states webhooks do not report (provisioning, deleting…) are left
 * out. For callers outside lib/vms (the live state poller) this is the one line to add.
 */
export function emitVmStateChanged(vm: Vm, state: Vm["state"], source: StateSource): Promise<void> {
  if (vm.state === state || !reportedStates.has(state)) return Promise.resolve();
  return emitWebhookEvent("vm.state_changed", {
    vm: webhookVmOf(vm, { state }),
    previousState: vm.state,
    state: state as ReportedState,
    source,
  });
}

/** `key` is the lease notice's ledger key: one reminder, one webhook. */
export function emitVmLeaseReminded(vm: Vm, lease: { expiresAt: Date; daysLeft: number; key: string }) {
  const data = {
    vm: webhookVmOf(vm),
    leaseExpiresAt: lease.expiresAt.toISOString(),
    daysLeft: lease.daysLeft,
  };
  return emitWebhookEvent("vm.lease_reminded", data, { key: lease.key });
}

export function emitVmStoppedAtExpiry(vm: Vm, lease: { expiresAt: Date; deleteAt: Date; key: string }) {
  const data = {
    vm: webhookVmOf(vm, { state: "stopped" }),
    leaseExpiresAt: lease.expiresAt.toISOString(),
    deleteAt: lease.deleteAt.toISOString(),
  };
  return emitWebhookEvent("vm.stopped_at_expiry", data, { key: lease.key });
}

export function emitVmDeleted(vm: Vm, reason: WebhookEventDataOf<"vm.deleted">["reason"]): Promise<void> {
  return emitWebhookEvent(
    "vm.deleted",
    { vm: webhookVmOf(vm, { state: "deleted" }), reason },
    { key: vm.id },
  );
}

/** A backup finished and is kept on its storage. */
export function emitVmBackedUp(
  vm: Vm,
  backup: { id: string; sizeBytes: number; origin: "manual" | "schedule" | "safety"; storage: string },
) {
  return emitWebhookEvent("vm.backed_up", { vm: webhookVmOf(vm), backup }, { key: backup.id });
}

/** A backup was restored into a new VM, or over its own. */
export function emitVmRestored(vm: Vm, restore: { backupId: string; into: "new" | "in-place" }) {
  return emitWebhookEvent("vm.restored", { vm: webhookVmOf(vm), ...restore });
}
