import "server-only";
import { getDb } from "@/db/client";
import { lockVm } from "@/db/queries/leases";
import { getVmById, updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { conflict, notFound } from "@/lib/errors";
import { formatDay } from "@/lib/format";
import { message } from "@/lib/i18n/message";
import { publishVmChange } from "@/lib/live/portal-changes";
import { leasePolicyFor } from "@/lib/projects/project-lease";
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
  const changed = await getDb().transaction(async (tx) => {
    const vm = await lockVm({ id: vmId }, tx);
    if (!vm || vm.state === "deleted") throw notFound();
    if (vm.state === "deleting") throw conflict(message("errors.leases.deleting"));
    if (vm.state === "failed") throw conflict(message("errors.leases.neverMade"));
    const next = change(vm);
    const updated = await updateVm({ id: vm.id, ...next, leaseStoppedAt: null }, tx);
    await recordVmEvent({ vmId: vm.id, kind: "renewed", message: event(vm, next), actor }, tx);
    return updated ?? vm;
  });
  await publishVmChange(vmId);
  return changed;
}

/**
 * Someone the one rule lets renew renews a VM's lease: one lease length from now, capped by the furthest
 * a renewal may reach; a project's VM by its project's lengths, within the portal's.
 */
export async function renewOwnedLease(
  vmId: string,
  person: Person,
  actor: AuditActor,
  now = new Date(),
): Promise<Date> {
  const vm = await authorizeVm(person, vmId, "renew", { now });
  if (vm.state === "deleted") throw notFound();
  const policy = await leasePolicyFor(vm);
  const renewed = await changeLease(
    vmId,
    (current) => ({ leaseExpiresAt: renewedLeaseEnd(current.leaseExpiresAt, policy, now) }),
    (_vm, next) => message("timeline.leaseRenewed", { until: next.leaseExpiresAt! }),
    actor,
  );
  return renewed.leaseExpiresAt!;
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
