import "server-only";
import { listCohortSummaries, listSeatRows, type SeatRow } from "@/db/queries/cohort-views";
import { getCohortById } from "@/db/queries/cohorts";
import type { Cohort, CohortSeatState } from "@/db/schema";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { type LiveVm, withLiveState } from "@/lib/vms/live-state";

/** The cohorts a person sees: their own as teacher; admins and auditors see every one. */
export function listCohortsFor(person: Person) {
  return listCohortSummaries({ teacherId: can(person.role, "admin:read") ? undefined : person.id });
}

/**
 * The cohort, for its teacher, admins and auditors; not found for anyone else, whether it exists or not.
 * To act on its VMs (`act`), an auditor is refused: they may look, not change.
 */
export async function cohortForTeacher(
  person: Person,
  cohortId: string,
  { act = false } = {},
): Promise<Cohort> {
  const cohort = await getCohortById({ id: cohortId });
  if (!cohort || (cohort.teacherId !== person.id && !can(person.role, "admin:read"))) throw notFound();
  if (act && cohort.teacherId !== person.id && !can(person.role, "admin:write"))
    throw forbidden(message("errors.cohorts.teacherOnly"));
  return cohort;
}

export interface SeatView extends Omit<SeatRow, "vm"> {
  vm: LiveVm | null;
}

export type Progress = Record<"made" | "running" | "waiting" | "failed", number>;

const progressOf: Record<CohortSeatState, keyof Progress | null> = {
  ready: "made",
  provisioning: "running",
  queued: "waiting",
  waiting: "waiting",
  failed: "failed",
  removed: null,
};

/** The teacher's view: every seat with its student and its VM as the cluster reports it now, and the batch's progress. */
export async function loadTeacherView(person: Person, cohortId: string) {
  const cohort = await cohortForTeacher(person, cohortId);
  const rows = await listSeatRows({ cohortId });
  const live = await withLiveState(rows.flatMap((row) => (row.vm ? [row.vm] : [])));
  const byId = new Map(live.vms.map((vm) => [vm.id, vm]));
  const seats: SeatView[] = rows.map((row) => ({
    ...row,
    vm: row.vm ? (byId.get(row.vm.id) ?? null) : null,
  }));
  const progress: Progress = { made: 0, running: 0, waiting: 0, failed: 0 };
  for (const { seat } of rows) {
    const bucket = progressOf[seat.state];
    if (bucket) progress[bucket] += 1;
  }
  return { cohort, seats, progress, unreachable: live.unreachable };
}
