import "server-only";
import { listCohorts, listSeats, type SeatRow } from "@/db/queries/cohorts";
import type { Cohort, CohortSeatState } from "@/db/schema";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { cohortManagedBy } from "./cohort-access";

/** The classes a person teaches; every class for an admin. */
export async function listMyCohorts(person: Person): Promise<Cohort[]> {
  return listCohorts({ teacherId: can(person.role, "admin:write") ? null : person.id });
}

export interface CohortProgress {
  cohort: Cohort;
  seats: SeatRow[];
  counts: Record<CohortSeatState, number>;
}

/** A class with every seat, its student and the seats counted by state: the teacher's progress view. */
export async function cohortProgress(person: Person, cohortId: string): Promise<CohortProgress> {
  const cohort = await cohortManagedBy(person, cohortId);
  const seats = await listSeats({ cohortId: cohort.id });
  const counts: Record<CohortSeatState, number> = {
    waiting: 0,
    queued: 0,
    provisioning: 0,
    ready: 0,
    failed: 0,
    removed: 0,
  };
  for (const { seat } of seats) counts[seat.state]++;
  return { cohort, seats, counts };
}
