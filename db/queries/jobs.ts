import "server-only";
import { and, count, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { getDb } from "../client";
import { type Job, type JobState, jobs } from "../schema";
import { type KeysetCursor, pastCursor } from "./keyset";

export async function getJob({ id }: { id: string }): Promise<Job | null> {
  const [job] = await getDb().select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return job ?? null;
}

/** Newest first; with `after`, the jobs made before that cursor. */
export async function listJobs({
  state,
  after = null,
  limit = 200,
}: {
  state?: JobState;
  after?: KeysetCursor<Date> | null;
  limit?: number;
} = {}): Promise<Job[]> {
  return getDb()
    .select()
    .from(jobs)
    .where(
      and(
        state ? eq(jobs.state, state) : undefined,
        after ? pastCursor("desc", jobs.createdAt, jobs.id, after) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(Math.min(limit, 1000));
}

/** Cancels a job that has not started (or is waiting between attempts or in a sleep). */
export async function cancelQueuedJob({ id, now }: { id: string; now: Date }): Promise<Job | null> {
  const [job] = await getDb()
    .update(jobs)
    .set({ state: "cancelled", finishedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.state, "queued")))
    .returning();
  return job ?? null;
}

/** Gives a failed job a fresh set of attempts; its completed steps stay done. */
export async function retryFailedJob({ id, now }: { id: string; now: Date }): Promise<Job | null> {
  const [job] = await getDb()
    .update(jobs)
    .set({ state: "queued", attempts: 0, runAfter: now, error: null, finishedAt: null, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.state, "failed")))
    .returning();
  return job ?? null;
}

export async function deleteFinishedJobs({
  states,
  finishedBefore,
}: {
  states: JobState[];
  finishedBefore: Date;
}): Promise<number> {
  const rows = await getDb()
    .delete(jobs)
    .where(and(inArray(jobs.state, states), lt(jobs.finishedAt, finishedBefore)))
    .returning({ id: jobs.id });
  return rows.length;
}

export async function countJobsByState(): Promise<Record<JobState, number>> {
  const rows = await getDb()
    .select({ state: jobs.state, count: sql<number>`count(*)::int` })
    .from(jobs)
    .groupBy(jobs.state);
  const counts: Record<JobState, number> = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** Whether a queued or running job of this function carries this VM in its payload. */
export async function hasActiveJobForVm({
  functionId,
  vmId,
}: {
  functionId: string;
  vmId: string;
}): Promise<boolean> {
  const rows = await getDb()
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.functionId, functionId),
        inArray(jobs.state, ["queued", "running"]),
        sql`${jobs.payload}->>'vmId' = ${vmId}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function countFailedJobsSince({ since }: { since: Date }): Promise<number> {
  const [row] = await getDb()
    .select({ failed: count() })
    .from(jobs)
    .where(and(eq(jobs.state, "failed"), gte(jobs.finishedAt, since)));
  return Number(row?.failed ?? 0);
}

/** The embedded runner's job sent with this idempotency key, if it still keeps one. */
export async function getJobByIdempotencyKey({ key }: { key: string }): Promise<Job | null> {
  const [job] = await getDb()
    .select()
    .from(jobs)
    .where(eq(jobs.idempotencyKey, key))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return job ?? null;
}

/**
 * Whether a class's batch enqueued before this one is still to finish: a class's batches run one after
 * the other, so that two never take up the same half-made seat.
 */
export async function hasEarlierCohortBatch({
  cohortId,
  runId,
}: {
  cohortId: string;
  runId: string;
}): Promise<boolean> {
  const rows = await getDb()
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.functionId, "provision-cohort"),
        inArray(jobs.state, ["queued", "running"]),
        sql`${jobs.payload}->>'cohortId' = ${cohortId}`,
        ne(jobs.id, runId),
        sql`(${jobs.createdAt}, ${jobs.id}) < (select ${jobs.createdAt}, ${jobs.id} from ${jobs} where ${jobs.id} = ${runId})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Whether a class's batch is queued or running, which will finish its seats' VMs. */
export async function hasActiveCohortBatch({ cohortId }: { cohortId: string }): Promise<boolean> {
  const rows = await getDb()
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.functionId, "provision-cohort"),
        inArray(jobs.state, ["queued", "running"]),
        sql`${jobs.payload}->>'cohortId' = ${cohortId}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}
