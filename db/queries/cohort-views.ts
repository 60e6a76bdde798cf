import "server-only";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import {
  type Cohort,
  type CohortSeat,
  cohortSeats,
  cohorts,
  idleWatches,
  templates,
  users,
  type Vm,
  vms,
} from "../schema";

export interface CohortSummary {
  cohort: Cohort;
  templateLabel: string;
  seats: number;
  ready: number;
  failed: number;
}

const seatCount = (state?: CohortSeat["state"]) =>
  state
    ? sql<number>`count(*) filter (where ${cohortSeats.state} = ${state})`.mapWith(Number)
    : sql<number>`count(*) filter (where ${cohortSeats.state} <> 'removed')`.mapWith(Number);

/** Cohorts with their seats counted by state; a teacher's own, or every one (teacherId undefined). */
export async function listCohortSummaries(
  { teacherId }: { teacherId?: string },
  db: Executor = getDb(),
): Promise<CohortSummary[]> {
  return db
    .select({
      cohort: cohorts,
      templateLabel: templates.label,
      seats: seatCount(),
      ready: seatCount("ready"),
      failed: seatCount("failed"),
    })
    .from(cohorts)
    .innerJoin(templates, eq(templates.id, cohorts.templateId))
    .leftJoin(cohortSeats, eq(cohortSeats.cohortId, cohorts.id))
    .where(teacherId ? eq(cohorts.teacherId, teacherId) : undefined)
    .groupBy(cohorts.id, templates.label)
    .orderBy(desc(cohorts.createdAt));
}

export interface SeatRow {
  seat: CohortSeat;
  student: { id: string; username: string | null; name: string | null; email: string | null } | null;
  vm: Vm | null;
  /** Since when idle stop has seen the VM quiet (CPU and network); null: not quiet, or not watched. */
  quietSince: Date | null;
}

/** A cohort's seats still on the roster, with their student and VM, by student. */
export async function listSeatRows(
  { cohortId }: { cohortId: string },
  db: Executor = getDb(),
): Promise<SeatRow[]> {
  const rows = await db
    .select({
      seat: cohortSeats,
      student: { id: users.id, username: users.username, name: users.name, email: users.email },
      vm: vms,
      quietSince: idleWatches.quietSince,
    })
    .from(cohortSeats)
    .leftJoin(users, eq(users.id, cohortSeats.userId))
    .leftJoin(vms, eq(vms.id, cohortSeats.vmId))
    .leftJoin(idleWatches, eq(idleWatches.vmId, cohortSeats.vmId))
    .where(and(eq(cohortSeats.cohortId, cohortId), ne(cohortSeats.state, "removed")))
    .orderBy(asc(sql`coalesce(${users.username}, ${cohortSeats.inviteEmail})`));
  return rows.map((row) => ({ ...row, student: row.student?.id ? row.student : null }));
}

/** Whether the person teaches any cohort, for the navigation. */
export async function teachesAnyCohort(
  { userId }: { userId: string },
  db: Executor = getDb(),
): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(cohorts).where(eq(cohorts.teacherId, userId));
  return (row?.n ?? 0) > 0;
}
