import "server-only";
import { and, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type Cohort, cohortSeats, cohorts, users, type Vm, vms } from "../schema";

/** Cohorts whose end date has come and whose term has not been closed yet. */
export async function listEndingCohorts({ now }: { now: Date }, db: Executor = getDb()): Promise<Cohort[]> {
  return db
    .select()
    .from(cohorts)
    .where(and(isNull(cohorts.endedAt), lte(cohorts.endsAt, now)));
}

export interface TermSeat {
  student: string;
  vm: Vm | null;
}

/** Every seat of the cohort with its student's name and its VM (any not yet deleted). */
export async function listTermSeats(
  { cohortId }: { cohortId: string },
  db: Executor = getDb(),
): Promise<TermSeat[]> {
  const rows = await db
    .select({
      inviteEmail: cohortSeats.inviteEmail,
      username: users.username,
      name: users.name,
      email: users.email,
      vm: vms,
    })
    .from(cohortSeats)
    .leftJoin(users, eq(users.id, cohortSeats.userId))
    .leftJoin(vms, and(eq(vms.id, cohortSeats.vmId), ne(vms.state, "deleted")))
    .where(and(eq(cohortSeats.cohortId, cohortId), ne(cohortSeats.state, "removed")));
  return rows.map((row) => ({
    student: row.name ?? row.username ?? row.email ?? row.inviteEmail ?? "unknown student",
    vm: row.vm,
  }));
}

/** The cohort's term is over at `endedAt`; false when another run closed it first. */
export async function markCohortEnded(
  { id, endedAt }: { id: string; endedAt: Date },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(cohorts)
    .set({ endedAt })
    .where(and(eq(cohorts.id, id), isNull(cohorts.endedAt)))
    .returning({ id: cohorts.id });
  return rows.length === 1;
}

/**
 * The lease of each VM ends at the term's end (if it would end later), so the lease rules take it from
 * there: one statement for the whole class.
 */
export async function endLeasesAt(
  { vmIds, endsAt, stoppedAt, now }: { vmIds: string[]; endsAt: Date; stoppedAt: Date | null; now: Date },
  db: Executor = getDb(),
): Promise<void> {
  if (vmIds.length === 0) return;
  const termEnd = sql`${endsAt.toISOString()}::timestamptz`;
  await db
    .update(vms)
    .set({
      leaseExpiresAt: sql`least(coalesce(${vms.leaseExpiresAt}, ${termEnd}), ${termEnd})`,
      // One that could not be stopped is left for the lease sweep to stop.
      ...(stoppedAt ? { leaseStoppedAt: stoppedAt } : {}),
      leaseExempt: false,
      updatedAt: now,
    })
    .where(inArray(vms.id, vmIds));
}

export async function getUserEmail({ id }: { id: string }, db: Executor = getDb()) {
  const [row] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, id));
  return row ?? null;
}
