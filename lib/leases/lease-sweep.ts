import "server-only";
import { type Executor, getDb } from "@/db/client";
import {
  claimLeaseNotice,
  type LeaseCandidate,
  leaseNoticeExists,
  listLeaseCandidates,
  lockVm,
  markVmDeleting,
  releaseLeaseNotice,
} from "@/db/queries/leases";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { log } from "@/lib/log";
import { deletedMail, type RenderedMail, reminderMail, stoppedMail } from "@/lib/mail/lease-messages";
import { queueMail } from "@/lib/mail/send-mail";
import { countLeaseAction } from "@/lib/metrics/lease-metrics";
import { clusterRelease, rrdLayoutFor, timeframeCovering } from "@/lib/proxmox/rrd-history";
import { getSetting } from "@/lib/settings/settings";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { idleDays, idleSince } from "./idle";
import { destroyForLease, stopForLease } from "./lease-actions";
import { sendLeaseDigest } from "./lease-digest";
import { renewLink } from "./renew-link";

const DAY = 24 * 60 * 60 * 1000;
const leaseActor: AuditActor = { id: null, label: "lease sweep" };
const SWEEP_CONCURRENCY = 8;

async function forEachConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface SweepReport {
  paused: boolean;
  dryRun: boolean;
  candidates: number;
  reminded: number;
  stopped: number;
  deleted: number;
  missing: number;
  /** In a dry run, what would have been done. */
  planned: string[];
  errors: string[];
  digestSent: boolean;
}

export interface SweepOptions {
  now?: Date;
  /** Tests only: runs after the candidates are read, before any decision — where a renewal can race. */
  beforeDecisions?: () => Promise<void>;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The hourly lease sweep. Reminds owners at each configured offset, stops VMs whose lease ended, and
 * deletes them after the grace period. Every action is claimed in the lease ledger first, so overlapping
 * sweeps and replicas act once; a deletion re-checks the lease under the VM's row lock, so a renewal
 * that lands first wins. Paused, it does nothing; in a dry run it only reports.
 */
export async function sweepLeases(options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const policy = await getSetting("lease.policy");
  const report: SweepReport = {
    paused: policy.paused,
    dryRun: policy.dryRun,
    candidates: 0,
    reminded: 0,
    stopped: 0,
    deleted: 0,
    missing: 0,
    planned: [],
    errors: [],
    digestSent: false,
  };
  if (policy.paused) return report;
  const [ignoredPools, idle, portalName] = await Promise.all([
    getSetting("pools.ignored"),
    getSetting("lease.idle"),
    getSetting("portal.name"),
  ]);
  const furthestReminder = Math.max(0, ...policy.reminderDays);
  const candidates = await listLeaseCandidates({
    horizon: new Date(now.getTime() + furthestReminder * DAY),
    ignoredPools,
  });
  report.candidates = candidates.length;
  await options.beforeDecisions?.();

  // Several VMs at a time: most of a sweep is waiting for Proxmox tasks, and the client bounds how many
  // requests each cluster gets at once.
  await forEachConcurrently(candidates, SWEEP_CONCURRENCY, async (candidate) => {
    const expiresAt = candidate.vm.leaseExpiresAt;
    if (!expiresAt) return;
    try {
      if (now.getTime() >= expiresAt.getTime() + policy.graceDays * DAY) {
        await deleteAfterGrace(candidate, expiresAt, now, policy, portalName, report);
      } else if (now >= expiresAt) {
        if (!candidate.vm.leaseStoppedAt)
          await stopAtExpiry(candidate, expiresAt, now, policy, portalName, report);
      } else {
        await remind(candidate, expiresAt, now, policy, idle, portalName, report);
      }
    } catch (error) {
      const message = `${candidate.vm.name}: ${error instanceof Error ? error.message : String(error)}`;
      report.errors.push(message);
      log.warn({ err: error, vmId: candidate.vm.id }, "the lease sweep could not handle a VM");
    }
  });

  if (policy.digestTo.length > 0) {
    report.digestSent = await sendLeaseDigest({
      now,
      to: policy.digestTo,
      dryRun: policy.dryRun,
      planned: report.planned,
      portalName,
    });
  }
  if (policy.dryRun && report.planned.length > 0) {
    await recordAuditEvent({
      actor: leaseActor,
      action: "lease.sweep.dry-run",
      result: "success",
      detail: { planned: report.planned },
    });
  }
  return report;
}

type Policy = Awaited<ReturnType<typeof getSetting<"lease.policy">>>;

/** Queues a lease message to the VM's owner, once per ledger key; an owner without an address gets none. */
async function mailOwner(
  candidate: LeaseCandidate,
  key: string,
  kind: string,
  message: RenderedMail,
  db?: Executor,
): Promise<void> {
  if (!candidate.owner.email) return;
  await queueMail(
    { dedupeKey: key, to: candidate.owner.email, userId: candidate.owner.id, kind, message },
    db,
  );
}

async function remind(
  candidate: LeaseCandidate,
  expiresAt: Date,
  now: Date,
  policy: Policy,
  idle: { cpuPercent: number; days: number },
  portalName: string,
  report: SweepReport,
) {
  const due = policy.reminderDays.filter((offset) => expiresAt.getTime() - offset * DAY <= now.getTime());
  if (due.length === 0) return;
  // After a pause, only the nearest reminder goes out, not every one that was missed.
  const offset = Math.min(...due);
  const { vm } = candidate;
  const key = `reminder:${vm.id}:${expiresAt.toISOString()}:${offset}`;
  if (policy.dryRun) {
    report.planned.push(`remind the owner of ${vm.name} (${offset}-day reminder)`);
    return;
  }
  // Cheap check first, so a reminder already sent costs no Proxmox call; the claim below decides.
  if (await leaseNoticeExists({ key })) return;
  const since = await measureIdle(vm, idle, now);
  const emailed = Boolean(candidate.owner.email);
  // Rounded, not ceiled: the 1-day reminder, sent a little under 24 hours before, says "tomorrow".
  const left = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / DAY));
  const sent = await getDb().transaction(async (tx) => {
    if (!(await claimLeaseNotice({ key, vmId: vm.id, at: now }, tx))) return false;
    await mailOwner(
      candidate,
      key,
      "lease-reminder",
      reminderMail({
        portalName,
        vmName: vm.name,
        expiresAt,
        graceDays: policy.graceDays,
        renewUrl: renewLink(vm, now),
        idleDays: idleDays(since, now),
        daysLeft: left,
      }),
      tx,
    );
    await recordVmEvent(
      {
        vmId: vm.id,
        kind: "reminded",
        message: `Lease reminder sent: ${left} day${left === 1 ? "" : "s"} left${since ? ", idle" : ""}`,
        actor: leaseActor,
        detail: { offset, expiresAt: expiresAt.toISOString(), emailed },
      },
      tx,
    );
    return true;
  });
  if (!sent) return;
  report.reminded++;
  countLeaseAction("remind");
  await recordAuditEvent({
    actor: leaseActor,
    action: "lease.remind",
    target: { type: "vm", id: vm.id },
    result: "success",
    detail: { offset, expiresAt: expiresAt.toISOString(), emailed },
  });
}

/**
 * Marks the VM idle or busy from its CPU figures over the idle window: the week when the cluster's
 * release keeps `days` in it (PVE 9 keeps exactly 7 days, PVE 8 8¾), else the month. Only for VMs
 * being reminded; the release is asked once per cluster.
 */
async function measureIdle(vm: Vm, idle: { cpuPercent: number; days: number }, now: Date) {
  if (!vm.node || vm.vmid === null) return vm.idleSince;
  try {
    const client = await getProxmoxClient(vm.clusterId);
    const timeframe = timeframeCovering(rrdLayoutFor(await clusterRelease(client)), idle.days);
    const points = await client.qemu.rrd(vm.node, vm.vmid, timeframe);
    const since = idleSince(points, idle, vm.createdAt, now);
    if ((since?.getTime() ?? null) !== (vm.idleSince?.getTime() ?? null))
      await updateVm({ id: vm.id, idleSince: since });
    return since;
  } catch {
    return vm.idleSince;
  }
}

async function stopAtExpiry(
  candidate: LeaseCandidate,
  expiresAt: Date,
  now: Date,
  policy: Policy,
  portalName: string,
  report: SweepReport,
) {
  const { vm } = candidate;
  if (policy.dryRun) {
    report.planned.push(`stop ${vm.name} (lease ended ${day(expiresAt)})`);
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
  const deleteAt = new Date(expiresAt.getTime() + policy.graceDays * DAY);
  await updateVm({
    id: vm.id,
    leaseStoppedAt: now,
    ...(outcome === "missing" ? { state: "missing" as const } : { state: "stopped" as const }),
  });
  if (outcome === "missing") report.missing++;
  else report.stopped++;
  countLeaseAction(outcome === "missing" ? "stop-missing" : "stop");
  const message =
    outcome === "missing"
      ? "Lease ended; the VM was no longer on Proxmox"
      : `Lease ended: stopped; deleted on ${day(deleteAt)} unless renewed`;
  await recordVmEvent({ vmId: vm.id, kind: "lease", message, actor: leaseActor, detail: { outcome } });
  await recordAuditEvent({
    actor: leaseActor,
    action: "lease.stop",
    target: { type: "vm", id: vm.id },
    result: "success",
    detail: { outcome, expiresAt: expiresAt.toISOString(), deleteAt: deleteAt.toISOString() },
  });
  await mailOwner(
    candidate,
    key,
    "lease-stopped",
    stoppedMail({
      portalName,
      vmName: vm.name,
      expiresAt,
      graceDays: policy.graceDays,
      renewUrl: renewLink(vm, now),
      idleDays: null,
      deleteAt,
    }),
  );
}

async function deleteAfterGrace(
  candidate: LeaseCandidate,
  expiresAt: Date,
  now: Date,
  policy: Policy,
  portalName: string,
  report: SweepReport,
) {
  const { vm } = candidate;
  if (policy.dryRun) {
    report.planned.push(`delete ${vm.name} (lease ended ${day(expiresAt)}, grace over)`);
    return;
  }
  const key = `deleted:${vm.id}:${expiresAt.toISOString()}`;
  const graceEnd = now.getTime() - policy.graceDays * DAY;
  // The decision again, under the VM's row lock: a renewal, an exemption or a transfer that landed since
  // the candidates were read wins, and a renewal after this commits finds the VM being deleted.
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
  let outcome: Awaited<ReturnType<typeof destroyForLease>>;
  try {
    outcome = await destroyForLease(decided);
  } catch (error) {
    await updateVm({ id: vm.id, state: decided.state });
    await releaseLeaseNotice({ key });
    throw error;
  }
  await updateVm({ id: vm.id, state: "deleted", deletedAt: now, ipAddress: null });
  await releaseVmAddress(vm.id);
  if (outcome === "missing") report.missing++;
  report.deleted++;
  countLeaseAction("delete");
  const message =
    outcome === "missing"
      ? "Lease and grace period over; the VM was already gone from Proxmox, so its record was closed"
      : "Deleted: the lease ended and was not renewed within the grace period";
  await recordVmEvent({ vmId: vm.id, kind: "deleted", message, actor: leaseActor, detail: { outcome } });
  await recordAuditEvent({
    actor: leaseActor,
    action: "lease.delete",
    target: { type: "vm", id: vm.id },
    result: "success",
    detail: { outcome, expiresAt: expiresAt.toISOString(), owner: candidate.owner.id },
  });
  await mailOwner(
    candidate,
    key,
    "lease-deleted",
    deletedMail({ portalName, vmName: vm.name, expiresAt, graceDays: policy.graceDays }),
  );
}
