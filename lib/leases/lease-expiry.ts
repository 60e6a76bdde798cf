import "server-only";
import { getDb } from "@/db/client";
import {
  claimLeaseNotice,
  type LeaseCandidate,
  lockVm,
  markVmDeleting,
  releaseLeaseNotice,
} from "@/db/queries/leases";
import { updateVm } from "@/db/queries/vms";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { formatDay } from "@/lib/format";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { publishVmChange } from "@/lib/live/portal-changes";
import type { RenderedMail } from "@/lib/mail/render-mail";
import { deletedMail } from "@/lib/mail/templates/lease-deleted";
import { stoppedMail } from "@/lib/mail/templates/lease-stopped";
import { countLeaseAction } from "@/lib/metrics/lease-metrics";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { emitVmDeleted, emitVmStoppedAtExpiry } from "@/lib/webhooks/vm-webhooks";
import { destroyForLease, stopForLease } from "./lease-actions";
import { DAY, deleteDate } from "./lease-dates";
import { renewLink, vmPageUrl } from "./renew-link";
import { leaseActor, mailOwner, type SweepContext } from "./sweep-context";

/** Stops a VM whose lease has ended, once; the owner has the grace period to renew it. */
export async function stopAtExpiry(candidate: LeaseCandidate, expiresAt: Date, context: SweepContext) {
  const { now, policy, report } = context;
  const { vm } = candidate;
  if (policy.dryRun) {
    report.planned.push(`stop ${vm.name} (lease ended ${formatDay(expiresAt)})`);
    return;
  }
  const key = `stopped:${vm.id}:${expiresAt.toISOString()}`;
  if (!(await claimLeaseNotice({ key, vmId: vm.id, at: now }))) return;
  let outcome: Awaited<ReturnType<typeof stopForLease>>;
  try {
    outcome = await stopForLease(vm);
  } catch (error) {
    await releaseLeaseNotice({ key });
    throw error;
  }
  const deleteAt = deleteDate(expiresAt, policy);
  await recordLeaseOutcome(candidate, context, {
    key,
    changes: { leaseStoppedAt: now, state: outcome === "missing" ? "missing" : "stopped" },
    tally: [outcome === "missing" ? "missing" : "stopped"],
    metric: outcome === "missing" ? "stop-missing" : "stop",
    event: {
      kind: "lease",
      message:
        outcome === "missing"
          ? "Lease ended; the VM was no longer on Proxmox"
          : `Lease ended: stopped; deleted on ${formatDay(deleteAt)} unless renewed`,
      detail: { outcome },
    },
    audit: {
      action: "lease.stop",
      detail: { outcome, expiresAt: expiresAt.toISOString(), deleteAt: deleteAt.toISOString() },
    },
    mail: {
      kind: "lease-stopped",
      message: async () =>
        stoppedMail(
          {
            portalName: context.portalName,
            vmName: vm.name,
            vmUrl: vmPageUrl(vm),
            expiresAt,
            graceDays: policy.graceDays,
            renewUrl: renewLink(vm, now),
            deleteAt,
            backupKeepDays: context.backupKeepDays,
          },
          await recipientLocale(candidate.owner.id),
        ),
    },
  });
  if (outcome !== "missing") await emitVmStoppedAtExpiry(vm, { expiresAt, deleteAt, key });
}

/**
 * Deletes a VM whose grace period is over, once. The decision is taken again under the VM's row lock:
 * a renewal, an exemption or a transfer that landed since the candidates were read wins, and a renewal
 * after this commits finds the VM being deleted.
 */
export async function deleteAfterGrace(candidate: LeaseCandidate, expiresAt: Date, context: SweepContext) {
  const { now, policy, report } = context;
  const { vm } = candidate;
  if (policy.dryRun) {
    report.planned.push(`delete ${vm.name} (lease ended ${formatDay(expiresAt)}, grace over)`);
    return;
  }
  const key = `deleted:${vm.id}:${expiresAt.toISOString()}`;
  const graceEnd = now.getTime() - policy.graceDays * DAY;
  const decided = await getDb().transaction(async (tx) => {
    const current = await lockVm({ id: vm.id }, tx);
    if (
      !current ||
      current.deletedAt ||
      current.state === "deleting" ||
      current.state === "deleted" ||
      current.leaseExempt ||
      current.ownerId !== candidate.owner.id ||
      !current.leaseExpiresAt ||
      current.leaseExpiresAt.getTime() > graceEnd
    )
      return null;
    if (!(await claimLeaseNotice({ key, vmId: vm.id, at: now }, tx))) return null;
    await markVmDeleting({ id: vm.id, now }, tx);
    return current;
  });
  if (!decided) return;
  await publishVmChange(vm.id);
  let outcome: Awaited<ReturnType<typeof destroyForLease>>;
  try {
    outcome = await destroyForLease(decided);
  } catch (error) {
    await updateVm({ id: vm.id, state: decided.state });
    await publishVmChange(vm.id);
    await releaseLeaseNotice({ key });
    throw error;
  }
  await recordLeaseOutcome(candidate, context, {
    key,
    changes: { state: "deleted", deletedAt: now, ipAddress: null },
    tally: outcome === "missing" ? ["missing", "deleted"] : ["deleted"],
    metric: "delete",
    event: {
      kind: "deleted",
      message:
        outcome === "missing"
          ? "Lease and grace period over; the VM was already gone from Proxmox, so its record was closed"
          : "Deleted: the lease ended and was not renewed within the grace period",
      detail: { outcome },
    },
    audit: {
      action: "lease.delete",
      detail: { outcome, expiresAt: expiresAt.toISOString(), owner: candidate.owner.id },
    },
    mail: {
      kind: "lease-deleted",
      message: async () =>
        deletedMail(
          {
            portalName: context.portalName,
            vmName: vm.name,
            vmUrl: vmPageUrl(vm),
            expiresAt,
            graceDays: policy.graceDays,
          },
          await recipientLocale(candidate.owner.id),
        ),
    },
  });
  await emitVmDeleted(vm, "lease");
}

interface LeaseOutcome {
  /** The ledger key the action was claimed under; the owner's mail is queued once under it too. */
  key: string;
  changes: Omit<Parameters<typeof updateVm>[0], "id">;
  tally: ("stopped" | "deleted" | "missing")[];
  metric: string;
  event: { kind: "lease" | "deleted"; message: string; detail: Record<string, unknown> };
  audit: { action: "lease.stop" | "lease.delete"; detail: Record<string, unknown> };
  mail: { kind: string; message: () => Promise<RenderedMail> };
}

/** What a stop or a deletion leaves behind, in order: the VM's row, the report, metrics, timeline, audit, mail. */
async function recordLeaseOutcome(candidate: LeaseCandidate, context: SweepContext, outcome: LeaseOutcome) {
  const { vm } = candidate;
  await updateVm({ id: vm.id, ...outcome.changes });
  if (outcome.changes.state === "deleted") await releaseVmAddress(vm.id);
  for (const count of outcome.tally) context.report[count]++;
  countLeaseAction(outcome.metric);
  await recordVmEvent({ vmId: vm.id, actor: leaseActor, ...outcome.event });
  await recordAuditEvent({
    actor: leaseActor,
    action: outcome.audit.action,
    target: { type: "vm", id: vm.id },
    result: "success",
    detail: outcome.audit.detail,
  });
  await mailOwner(candidate, {
    key: outcome.key,
    kind: outcome.mail.kind,
    message: await outcome.mail.message(),
  });
}
