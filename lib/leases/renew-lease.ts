import "server-only";
import { getDb } from "@/db/client";
import { lockVm } from "@/db/queries/leases";
import { getVmById, getVmForOwner, updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { formatDay } from "@/lib/format";
import { getSetting } from "@/lib/settings/settings";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { renewedLeaseEnd } from "./lease-dates";

/**
 * Changes a lease under the VM's row lock, the lock the sweep's deletion takes: whichever commits first
 * wins, and a VM the sweep has begun deleting cannot be renewed.
 */
async function changeLease(
  vmId: string,
  change: (vm: Vm) => Partial<Pick<Vm, "leaseExpiresAt" | "leaseExempt">>,
  event: (vm: Vm, next: Partial<Vm>) => string,
  actor: AuditActor,
): Promise<Vm> {
  return getDb().transaction(async (tx) => {
    const vm = await lockVm({ id: vmId }, tx);
    if (!vm || vm.state === "deleted") throw notFound();
    if (vm.state === "deleting") throw conflict("This VM is being deleted; it can no longer be renewed.");
    if (vm.state === "failed") throw conflict("This VM was never made; there is nothing to renew.");
    const next = change(vm);
    const updated = await updateVm({ id: vm.id, ...next, leaseStoppedAt: null }, tx);
    await recordVmEvent({ vmId: vm.id, kind: "renewed", message: event(vm, next), actor }, tx);
    return updated ?? vm;
  });
}

/** The owner renews a VM's lease: one lease length from now, capped by the furthest a renewal may reach. */
export async function renewOwnedLease(
  vmId: string,
  ownerId: string,
  actor: AuditActor,
  now = new Date(),
): Promise<Date> {
  const owned = await getVmForOwner({ id: vmId, ownerId });
  if (!owned || owned.state === "deleted") throw notFound();
  const policy = await getSetting("lease.policy");
  const vm = await changeLease(
    vmId,
    (current) => ({ leaseExpiresAt: renewedLeaseEnd(current.leaseExpiresAt, policy, now) }),
    (_vm, next) => `Lease renewed until ${formatDay(next.leaseExpiresAt!)}`,
    actor,
  );
  return vm.leaseExpiresAt!;
}

/** An admin sets any end date, or exempts the VM from expiry (or lifts the exemption). */
export async function setLeaseAsAdmin(
  vmId: string,
  change: { expiresAt?: Date; exempt?: boolean },
  actor: AuditActor,
): Promise<Vm> {
  if (!(await getVmById({ id: vmId }))) throw notFound();
  const vm = await changeLease(
    vmId,
    () => ({
      ...(change.expiresAt ? { leaseExpiresAt: change.expiresAt } : {}),
      ...(change.exempt !== undefined ? { leaseExempt: change.exempt } : {}),
    }),
    (_vm, next) =>
      [
        next.leaseExpiresAt ? `Lease set to end on ${formatDay(next.leaseExpiresAt)} by an admin` : null,
        next.leaseExempt === true ? "Exempted from lease expiry by an admin" : null,
        next.leaseExempt === false ? "Lease exemption lifted by an admin" : null,
      ]
        .filter(Boolean)
        .join("; "),
    actor,
  );
  await recordAuditEvent({
    actor,
    action: "lease.set",
    target: { type: "vm", id: vmId },
    result: "success",
    detail: { expiresAt: change.expiresAt?.toISOString(), exempt: change.exempt },
  });
  return vm;
}
