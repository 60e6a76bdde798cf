import "server-only";
import { type LeaseCandidate, listLeaseCandidates } from "@/db/queries/leases";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { log } from "@/lib/log";
import { Semaphore } from "@/lib/proxmox/semaphore";
import { getSetting } from "@/lib/settings/settings";
import { DAY, deleteDate } from "./lease-dates";
import { sendLeaseDigest } from "./lease-digest";
import { deleteAfterGrace, stopAtExpiry } from "./lease-expiry";
import { remind } from "./lease-reminders";
import { leaseActor, type SweepContext } from "./sweep-context";

const SWEEP_CONCURRENCY = 8;

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
  const [ignoredPools, idle, portalName, backupLifecycle] = await Promise.all([
    getSetting("pools.ignored"),
    getSetting("lease.idle"),
    getSetting("portal.name"),
    getSetting("backup.lifecycle"),
  ]);
  const furthestReminder = Math.max(0, ...policy.reminderDays);
  const candidates = await listLeaseCandidates({
    horizon: new Date(now.getTime() + furthestReminder * DAY),
    ignoredPools,
  });
  report.candidates = candidates.length;
  await options.beforeDecisions?.();

  const context: SweepContext = {
    now,
    policy,
    idle,
    portalName,
    backupKeepDays: backupLifecycle.keepDaysAfterDelete,
    report,
  };
  // Several VMs at a time: most of a sweep is waiting for Proxmox tasks, and the client bounds how many
  // requests each cluster gets at once.
  const slots = new Semaphore(SWEEP_CONCURRENCY);
  await Promise.all(candidates.map((candidate) => slots.run(() => sweepOne(candidate, context))));

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

async function sweepOne(candidate: LeaseCandidate, context: SweepContext): Promise<void> {
  const { now, policy, report } = context;
  const expiresAt = candidate.vm.leaseExpiresAt;
  if (!expiresAt) return;
  try {
    if (now >= deleteDate(expiresAt, policy)) {
      await deleteAfterGrace(candidate, expiresAt, context);
    } else if (now >= expiresAt) {
      if (!candidate.vm.leaseStoppedAt) await stopAtExpiry(candidate, expiresAt, context);
    } else {
      await remind(candidate, expiresAt, context);
    }
  } catch (error) {
    const message = `${candidate.vm.name}: ${error instanceof Error ? error.message : String(error)}`;
    report.errors.push(message);
    log.warn({ err: error, vmId: candidate.vm.id }, "the lease sweep could not handle a VM");
  }
}
