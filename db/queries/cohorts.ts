import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import {
  type Cohort,
  type CohortSeat,
  type CohortSeatState,
  cohortSeats,
  cohorts,
  type IdleStopPolicy,
  type NewCohort,
  type User,
  users,
} from "@/db/schema";

export async function insertCohort(cohort: NewCohort, db: Executor = getDb()): Promise<Cohort> {
  const [row] = await db.insert(cohorts).values(cohort).returning();
  return row!;
}

export async function getCohortById({ id }: { id: string }, db: Executor = getDb()): Promise<Cohort | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id)).limit(1);
  return row ?? null;
}

export async function findCohortByNameOrSlug(
  { name, slug }: { name: string; slug: string },
  db: Executor = getDb(),
): Promise<Cohort | null> {
  const [row] = await db
    .select()
    .from(cohorts)
    .where(sql`lower(${cohorts.name}) = ${name.toLowerCase()} or ${cohorts.slug} = ${slug}`)
    .limit(1);
  return row ?? null;
}

/** Cohorts a teacher teaches, or every cohort for `teacherId` null (admins). */
export async function listCohorts(
  { teacherId }: { teacherId: string | null },
  db: Executor = getDb(),
): Promise<Cohort[]> {
  return db
    .select()
    .from(cohorts)
    .where(teacherId ? eq(cohorts.teacherId, teacherId) : undefined)
    .orderBy(asc(cohorts.name));
}

/** Cohorts whose roster is a group and whose term has not ended: the sign-in sync reads them. */
export async function listGroupCohorts(db: Executor = getDb()): Promise<Cohort[]> {
  return db
    .select()
    .from(cohorts)
    .where(and(isNotNull(cohorts.rosterGroup), isNull(cohorts.endedAt)));
}

export type SeatInsert = Pick<CohortSeat, "cohortId" | "source" | "state"> &
  ({ userId: string; inviteEmail?: null } | { userId?: null; inviteEmail: string });

/** Adds seats; one a person (or address) holds in the cohort already is left as it is. Answers the new ones. */
export async function insertSeats(seats: SeatInsert[], db: Executor = getDb()): Promise<CohortSeat[]> {
  if (seats.length === 0) return [];
  return db.insert(cohortSeats).values(seats).onConflictDoNothing().returning();
}

export interface SeatRow {
  seat: CohortSeat;
  username: string | null;
  name: string | null;
  email: string | null;
}

/** Every seat of a cohort with its student, by when they were added. */
export async function listSeats(
  { cohortId }: { cohortId: string },
  db: Executor = getDb(),
): Promise<SeatRow[]> {
  return db
    .select({ seat: cohortSeats, username: users.username, name: users.name, email: users.email })
    .from(cohortSeats)
    .leftJoin(users, eq(users.id, cohortSeats.userId))
    .where(eq(cohortSeats.cohortId, cohortId))
    .orderBy(asc(cohortSeats.addedAt), asc(cohortSeats.id));
}

export async function getSeat({ id }: { id: string }, db: Executor = getDb()): Promise<CohortSeat | null> {
  const [row] = await db.select().from(cohortSeats).where(eq(cohortSeats.id, id)).limit(1);
  return row ?? null;
}

export async function findSeat(
  { cohortId, userId }: { cohortId: string; userId: string },
  db: Executor = getDb(),
): Promise<CohortSeat | null> {
  const [row] = await db
    .select()
    .from(cohortSeats)
    .where(and(eq(cohortSeats.cohortId, cohortId), eq(cohortSeats.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** A class's own idle stop; null follows its project's or the portal's. */
export async function setCohortIdleStop(
  { id, idleStop }: { id: string; idleStop: IdleStopPolicy | null },
  db: Executor = getDb(),
): Promise<void> {
  await db.update(cohorts).set({ idleStop }).where(eq(cohorts.id, id));
}

/** The seat a VM was made for, if it is a class's VM. */
export async function findSeatByVm(
  { vmId }: { vmId: string },
  db: Executor = getDb(),
): Promise<CohortSeat | null> {
  const [row] = await db.select().from(cohortSeats).where(eq(cohortSeats.vmId, vmId)).limit(1);
  return row ?? null;
}

/** Queues a seat for a new VM if it still holds this one: of two callers at once, one wins. */
export async function requeueSeatFrom(
  { id, vmId }: { id: string; vmId: string },
  db: Executor = getDb(),
): Promise<CohortSeat | null> {
  const [row] = await db
    .update(cohortSeats)
    .set({ state: "queued", vmId: null, error: null, passwordSealed: null, passwordShownAt: null })
    .where(and(eq(cohortSeats.id, id), eq(cohortSeats.vmId, vmId)))
    .returning();
  return row ?? null;
}

/**
 * The sealed first password of the VM's seat, for that seat's student, once: the caller that takes it
 * clears it; a second caller (at the same moment too) finds none.
 */
export async function takeSeatPassword({
  vmId,
  userId,
  now,
}: {
  vmId: string;
  userId: string;
  now: Date;
}): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: cohortSeats.id, sealed: cohortSeats.passwordSealed })
      .from(cohortSeats)
      .where(
        and(
          eq(cohortSeats.vmId, vmId),
          eq(cohortSeats.userId, userId),
          isNotNull(cohortSeats.passwordSealed),
        ),
      )
      .for("update")
      .limit(1);
    if (!row?.sealed) return null;
    await tx
      .update(cohortSeats)
      .set({ passwordSealed: null, passwordShownAt: now })
      .where(eq(cohortSeats.id, row.id));
    return row.sealed;
  });
}

/** The seat locked for its claim: only one caller at a time turns it into a VM. */
export async function lockSeat({ id }: { id: string }, db: Executor): Promise<CohortSeat | null> {
  const [row] = await db.select().from(cohortSeats).where(eq(cohortSeats.id, id)).for("update").limit(1);
  return row ?? null;
}

export async function updateSeat(
  { id, ...changes }: Partial<Omit<CohortSeat, "id" | "cohortId">> & { id: string },
  db: Executor = getDb(),
): Promise<CohortSeat | null> {
  const [row] = await db.update(cohortSeats).set(changes).where(eq(cohortSeats.id, id)).returning();
  return row ?? null;
}

/** Seats of a cohort in these states, oldest first. */
export async function listSeatsInStates(
  { cohortId, states }: { cohortId: string; states: CohortSeatState[] },
  db: Executor = getDb(),
): Promise<CohortSeat[]> {
  return db
    .select()
    .from(cohortSeats)
    .where(and(eq(cohortSeats.cohortId, cohortId), inArray(cohortSeats.state, states)))
    .orderBy(asc(cohortSeats.addedAt), asc(cohortSeats.id));
}

/** The invitations waiting for an address, locked so that two sign-ins bind each once. */
export async function lockWaitingSeatsFor({ email }: { email: string }, db: Executor): Promise<CohortSeat[]> {
  return db
    .select()
    .from(cohortSeats)
    .where(
      and(eq(cohortSeats.inviteEmail, email), isNull(cohortSeats.userId), eq(cohortSeats.state, "waiting")),
    )
    .for("update");
}

/** The people a roster names who have signed in, by username and by (lower-cased) e-mail. */
export async function findRosterPeople(
  { usernames, emails }: { usernames: string[]; emails: string[] },
  db: Executor = getDb(),
): Promise<User[]> {
  if (usernames.length === 0 && emails.length === 0) return [];
  const lowered = emails.map((email) => email.toLowerCase());
  return db
    .select()
    .from(users)
    .where(
      or(
        usernames.length ? inArray(users.username, usernames) : undefined,
        lowered.length ? inArray(sql`lower(${users.email})`, lowered) : undefined,
      ),
    );
}

/** Everyone whose last sign-in said they are in the group. */
export async function listGroupMembers(
  { group }: { group: string },
  db: Executor = getDb(),
): Promise<User[]> {
  return db
    .select()
    .from(users)
    .where(and(sql`${group} = any(${users.groups})`, eq(users.disabled, false)));
}
