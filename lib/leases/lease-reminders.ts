import "server-only";
import { getDb } from "@/db/client";
import { claimLeaseNotice, type LeaseCandidate, leaseNoticeExists } from "@/db/queries/leases";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { message } from "@/lib/i18n/message";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { reminderMail } from "@/lib/mail/templates/lease-reminder";
import { countLeaseAction } from "@/lib/metrics/lease-metrics";
import { clusterRelease, rrdLayoutFor, timeframeCovering } from "@/lib/proxmox/rrd-history";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { emitVmLeaseReminded } from "@/lib/webhooks/vm-webhooks";
import { idleDays, idleSince } from "./idle";
import { DAY } from "./lease-dates";
import { renewLink, vmPageUrl } from "./renew-link";
import { leaseActor, mailOwner, type SweepContext } from "./sweep-context";

/** Reminds the owner of a lease that has not ended yet, once per configured offset that has come due. */
export async function remind(candidate: LeaseCandidate, expiresAt: Date, context: SweepContext) {
  const { now, policy, report } = context;
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
  const since = await measureIdle(vm, context);
  const emailed = Boolean(candidate.owner.email);
  // Rounded, not ceiled: the 1-day reminder, sent a little under 24 hours before, says "tomorrow".
  const left = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / DAY));
  // Rendered before the transaction, which then stays as short as the claim and two inserts.
  const mail = await reminderMail(
    {
      portalName: context.portalName,
      vmName: vm.name,
      vmUrl: vmPageUrl(vm),
      expiresAt,
      graceDays: policy.graceDays,
      renewUrl: renewLink(vm, now),
      idleDays: idleDays(since, now),
      daysLeft: left,
      backupKeepDays: context.backupKeepDays,
    },
    await recipientLocale(candidate.owner.id),
  );
  const sent = await getDb().transaction(async (tx) => {
    if (!(await claimLeaseNotice({ key, vmId: vm.id, at: now }, tx))) return false;
    await mailOwner(candidate, { key, kind: "lease-reminder", message: mail }, tx);
    await recordVmEvent(
      {
        vmId: vm.id,
        kind: "reminded",
        message: message(since ? "timeline.leaseRemindedIdle" : "timeline.leaseReminded", { days: left }),
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
  await emitVmLeaseReminded(vm, { expiresAt, daysLeft: left, key });
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
async function measureIdle(vm: Vm, { idle, now }: SweepContext) {
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
