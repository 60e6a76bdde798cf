import "server-only";
import { type IdleCandidate, listIdleCandidates } from "@/db/queries/idle-candidates";
import {
  forgetIdleWatch,
  forgetIdleWatchesExcept,
  listIdleWatches,
  saveIdleWatches,
} from "@/db/queries/idle-watches";
import { claimLeaseNotice } from "@/db/queries/leases";
import type { IdleStopPolicy, IdleWatch } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { vmPageUrl } from "@/lib/leases/renew-link";
import { statusPeriodMs } from "@/lib/live/status-period";
import { log } from "@/lib/log";
import { queueMail } from "@/lib/mail/send-mail";
import { idleStoppedMail } from "@/lib/mail/templates/idle-stopped";
import type { ClusterResource } from "@/lib/proxmox/schemas";
import { getSetting } from "@/lib/settings/settings";
import { powerVms } from "./batch-power";
import { type GuestReading, nextIdleWatch, stayedQuietFor } from "./idle-streak";

export const idleActor: AuditActor = { id: null, label: "idle stop" };

export interface IdleReport {
  watched: number;
  stopped: string[];
  errors: string[];
}

/** Nobody had a console of it open through the relay for the policy's minutes. */
const consoleQuiet = (candidate: IdleCandidate, policy: IdleStopPolicy, now: Date) =>
  !candidate.vm.lastConsoleAt ||
  candidate.vm.lastConsoleAt.getTime() <= now.getTime() - policy.minutes * 60_000;

/**
 * Stops (never deletes) running VMs nobody uses: no console open through the relay AND CPU and network
 * under the policy's thresholds, both for its minutes. The policy is the cohort's, else the project's,
 * else the portal's `idle.stop`; off unless one of them turns it on. Each run reads the cluster once and
 * carries each VM's quiet run in `idle_watches`, so the minute's run may fall to any replica. Each stop is
 * claimed in the lease ledger, so replicas stop a VM once, and its owner gets a mail and the VM a
 * timeline line.
 */
export async function stopIdleVms({ now = new Date() }: { now?: Date } = {}): Promise<IdleReport> {
  const [portalPolicy, ignoredPools, portalName] = await Promise.all([
    getSetting("idle.stop"),
    getSetting("pools.ignored"),
    getSetting("portal.name"),
  ]);
  const ignored = new Set(ignoredPools);
  const watched = (await listIdleCandidates())
    .map((candidate) => ({ candidate, policy: candidate.policy ?? portalPolicy }))
    .filter(
      ({ candidate, policy }) => policy.enabled && !(candidate.vm.pool && ignored.has(candidate.vm.pool)),
    );
  const report: IdleReport = { watched: watched.length, stopped: [], errors: [] };
  const readings = new Map<string, GuestReading>();
  const clusters = [...new Set(watched.map(({ candidate }) => candidate.vm.clusterId))];
  for (const clusterId of clusters) {
    try {
      const client = await getProxmoxClient(clusterId);
      // The status poller's answer when it has a recent one: watching costs Proxmox no extra read.
      const resources = await client.resources.get({ maxAgeMs: statusPeriodMs() });
      const at = new Date(now.getTime() - (client.resources.ageMs() ?? 0));
      const byVmid = new Map(
        resources.filter((item) => item.type === "qemu").map((item) => [item.vmid, readingOf(item, at)]),
      );
      for (const { candidate } of watched) {
        const reading = candidate.vm.clusterId === clusterId && byVmid.get(candidate.vm.vmid!);
        if (reading) readings.set(candidate.vm.id, reading);
      }
    } catch (error) {
      report.errors.push(`cluster ${clusterId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const watches = new Map<string, IdleWatch>(
    (await listIdleWatches({ vmIds: watched.map(({ candidate }) => candidate.vm.id) })).map((watch) => [
      watch.vmId,
      watch,
    ]),
  );
  const sampled: IdleWatch[] = [];
  for (const { candidate, policy } of watched) {
    const reading = readings.get(candidate.vm.id);
    const next = reading && nextIdleWatch(candidate.vm.id, watches.get(candidate.vm.id), reading, policy);
    if (next) sampled.push(next);
  }
  await saveIdleWatches(sampled);
  for (const watch of sampled) watches.set(watch.vmId, watch);
  for (const { candidate, policy } of watched) {
    const { vm } = candidate;
    if (!consoleQuiet(candidate, policy, now)) continue;
    if (!stayedQuietFor(watches.get(vm.id), policy, now)) continue;
    try {
      await stopIdle(candidate, policy, now, portalName, report);
    } catch (error) {
      log.warn({ err: error, vmId: vm.id }, "idle stop could not stop a VM");
      report.errors.push(`${vm.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Watches of VMs no longer watched (stopped, policy off) go: a later run starts counting afresh.
  await forgetIdleWatchesExcept({ vmIds: watched.map(({ candidate }) => candidate.vm.id) });
  return report;
}

function readingOf(item: ClusterResource, at: Date): GuestReading {
  const loose = item as ClusterResource & { netin?: unknown; netout?: unknown };
  return {
    at,
    running: item.status === "running",
    cpu: item.cpu ?? 0,
    netBytes: Number(loose.netin ?? 0) + Number(loose.netout ?? 0),
    uptime: item.uptime ?? 0,
  };
}

async function stopIdle(
  candidate: IdleCandidate,
  policy: IdleStopPolicy,
  now: Date,
  portalName: string,
  report: IdleReport,
) {
  const { vm, owner } = candidate;
  const key = `idle-stop:${vm.id}:${now.toISOString().slice(0, 16)}`;
  if (!(await claimLeaseNotice({ key, vmId: vm.id, at: now }))) return;
  const [outcome] = await powerVms([vm], "stop", {
    actor: idleActor,
    message: `Shut down: idle for ${policy.minutes} minutes (no console, CPU under ${policy.cpuPercent}%, network under ${policy.networkKibps} KiB/s)`,
  });
  if (outcome?.outcome === "failed") throw new Error(outcome.error);
  await forgetIdleWatch({ vmId: vm.id });
  if (outcome?.outcome !== "done") return;
  report.stopped.push(vm.name);
  await recordAuditEvent({
    actor: idleActor,
    action: "vm.idle_stop",
    target: { type: "vm", id: vm.id },
    result: "success",
    detail: { ...policy },
  });
  if (owner.email)
    await queueMail({
      dedupeKey: key,
      to: owner.email,
      userId: owner.id,
      kind: "idle-stopped",
      message: await idleStoppedMail(
        {
          portalName,
          vmName: vm.name,
          vmUrl: vmPageUrl(vm),
          minutes: policy.minutes,
          cpuPercent: policy.cpuPercent,
          networkKibps: policy.networkKibps,
        },
        await recipientLocale(owner.id),
      ),
    });
}
