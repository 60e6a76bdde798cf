import "server-only";
import { getSeat, updateSeat } from "@/db/queries/cohorts";
import type { CohortSeat } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { cohortManagedBy } from "./cohort-access";
import { requestBatch } from "./roster";

/** The teacher's "retry" for a seat whose VM could not be made: queued again for a new VM. */
export async function retrySeat(
  person: Person,
  cohortId: string,
  seatId: string,
  actor: AuditActor,
): Promise<CohortSeat> {
  const cohort = await cohortManagedBy(person, cohortId);
  const seat = await getSeat({ id: seatId });
  if (!seat || seat.cohortId !== cohort.id) throw notFound(message("errors.cohorts.noSuchStudent"));
  if (seat.state !== "failed") throw conflict(message("errors.cohorts.retryFailedOnly"));
  if (cohort.endedAt) throw conflict(message("errors.cohorts.ended"));
  // The failed VM's record stays as the history of that attempt; the claim makes a new one.
  const queued = await updateSeat({ id: seat.id, state: "queued", vmId: null, error: null });
  await recordAuditEvent({
    actor,
    action: "cohort.seat_retry",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: { seatId, failedVmId: seat.vmId },
  });
  await requestBatch(cohort.id);
  return queued!;
}
