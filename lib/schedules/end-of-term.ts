import "server-only";
import {
  endLeasesAt,
  getUserEmail,
  listEndingCohorts,
  listTermSeats,
  markCohortEnded,
} from "@/db/queries/term-ends";
import type { Cohort, Vm } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config";
import { message } from "@/lib/i18n/message";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { deleteDate } from "@/lib/leases/lease-dates";
import { queueMail } from "@/lib/mail/send-mail";
import { type TermDigestLine, termDigestMail } from "@/lib/mail/templates/term-digest";
import { getSetting } from "@/lib/settings/settings";
import { type BatchOutcome, powerVms } from "./batch-power";

export const termActor: AuditActor = { id: null, label: "end of term" };

// Catalog tokens: the teacher's digest renders them in the teacher's language.
const said: Record<BatchOutcome["outcome"], string> = {
  done: message("mail.termDigest.outcome.done"),
  already: message("mail.termDigest.outcome.already"),
  missing: message("mail.termDigest.outcome.missing"),
  failed: message("mail.termDigest.outcome.failed"),
};

/**
 * Closes the term of each cohort whose end date has come: its VMs stop, their leases end at the end date
 * (the lease sweep deletes them after the grace), and the teacher gets one digest. Safe to repeat until it
 * completes: stopping a stopped VM changes nothing, the digest is queued once, and the cohort is marked
 * ended last.
 */
export async function endTerms({ now = new Date() }: { now?: Date } = {}): Promise<string[]> {
  const ended: string[] = [];
  for (const cohort of await listEndingCohorts({ now })) {
    await endTerm(cohort, now);
    if (await markCohortEnded({ id: cohort.id, endedAt: now })) ended.push(cohort.name);
  }
  return ended;
}

async function endTerm(cohort: Cohort, now: Date) {
  const [seats, policy, portalName] = await Promise.all([
    listTermSeats({ cohortId: cohort.id }),
    getSetting("lease.policy"),
    getSetting("portal.name"),
  ]);
  const live = seats
    .map((seat) => seat.vm)
    .filter((vm): vm is Vm => vm !== null && vm.vmid !== null && vm.node !== null);
  const running = live.filter((vm) => ["running", "paused", "stopped"].includes(vm.state));
  const outcomes = new Map(
    (
      await powerVms(running, "stop", {
        actor: termActor,
        message: `Shut down: the term of ${cohort.name} ended`,
      })
    ).map((outcome) => [outcome.vmId, outcome]),
  );
  const failed = (vm: Vm) => outcomes.get(vm.id)?.outcome === "failed";
  // An admin's lease exemption outlasts the term: the VM is stopped with the others but kept.
  const leased = live.filter((vm) => !vm.leaseExempt);
  const stopped = leased.filter((vm) => !failed(vm)).map((vm) => vm.id);
  await endLeasesAt({ vmIds: stopped, endsAt: cohort.endsAt, stoppedAt: now, now });
  await endLeasesAt({
    vmIds: leased.filter(failed).map((vm) => vm.id),
    endsAt: cohort.endsAt,
    stoppedAt: null,
    now,
  });
  const deleteAt = deleteDate(cohort.endsAt, policy);
  const lines: TermDigestLine[] = seats.map((seat) => {
    const outcome = seat.vm ? outcomes.get(seat.vm.id) : undefined;
    const happened = !seat.vm
      ? message("mail.termDigest.outcome.noVm")
      : outcome?.error
        ? message("mail.termDigest.outcome.failedWith", { error: outcome.error })
        : outcome
          ? said[outcome.outcome]
          : message("mail.termDigest.outcome.state", { state: seat.vm.state });
    return {
      student: seat.student,
      vmName: seat.vm?.name ?? null,
      outcome: seat.vm?.leaseExempt
        ? message("mail.termDigest.outcome.keptExempt", { outcome: happened })
        : happened,
    };
  });
  await recordAuditEvent({
    actor: termActor,
    action: "cohort.term_end",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: {
      vms: live.length,
      stopped: stopped.length,
      kept: live.length - leased.length,
      deleteAt: deleteAt.toISOString(),
    },
  });
  const teacher = await getUserEmail({ id: cohort.teacherId });
  if (!teacher?.email) return;
  await queueMail({
    dedupeKey: `term-end:${cohort.id}`,
    to: teacher.email,
    userId: cohort.teacherId,
    kind: "term-digest",
    message: await termDigestMail(
      {
        portalName,
        cohortName: cohort.name,
        endsAt: cohort.endsAt,
        deleteAt,
        lines,
        cohortUrl: `${getConfig().publicUrl}/cohorts/${cohort.id}`,
      },
      await recipientLocale(cohort.teacherId),
    ),
  });
}
