import "server-only";
import { and, asc, count, eq, inArray, lt, lte, sql } from "drizzle-orm";
import { getDb } from "../client";
import { type Job, type JobStep, jobSteps, jobs, type NewJob } from "../schema";
import { preparedPer } from "./prepared";

/** Adds a job; with an idempotency key already used by this function, returns the existing job instead. */
export async function insertJob({ job }: { job: NewJob }): Promise<{ job: Job; created: boolean }> {
  const [created] = await getDb().insert(jobs).values(job).onConflictDoNothing().returning();
  if (created) return { job: created, created: true };
  const [existing] = await getDb()
    .select()
    .from(jobs)
    .where(and(eq(jobs.functionId, job.functionId), eq(jobs.idempotencyKey, job.idempotencyKey ?? "")))
    .limit(1);
  if (!existing) throw new Error(`Could not add a "${job.functionId}" job, and found none with its key.`);
  return { job: existing, created: false };
}

/**
 * Takes the next due job for this worker. SKIP LOCKED lets several runners claim at once without ever
 * taking the same row, on PostgreSQL as on PGlite.
 */
export async function claimNextJob({
  workerId,
  now,
  functionIds,
}: {
  workerId: string;
  now: Date;
  functionIds: string[];
}): Promise<Job | null> {
  if (functionIds.length === 0) return null;
  const next = getDb()
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.state, "queued"), lte(jobs.runAfter, now), inArray(jobs.functionId, functionIds)))
    .orderBy(asc(jobs.runAfter), asc(jobs.createdAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [job] = await getDb()
    .update(jobs)
    .set({
      state: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedAt: now,
      lockedBy: workerId,
      startedAt: sql`coalesce(${jobs.startedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(sql`${jobs.id} = (${next})`)
    .returning();
  return job ?? null;
}

function heldBy(jobId: string, workerId: string) {
  return and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.state, "running"));
}

export async function listJobSteps({ jobId }: { jobId: string }): Promise<JobStep[]> {
  return getDb().select().from(jobSteps).where(eq(jobSteps.jobId, jobId)).orderBy(asc(jobSteps.completedAt));
}

/**
 * Saves a step's output, only while this worker still holds the job; false means it lost the job. One
 * statement: the update takes the job's row lock and refreshes the claim, and the step is written only
 * if it matched, so nothing can take the job between the check and the write.
 */
export async function saveJobStep({
  jobId,
  workerId,
  stepId,
  output,
  now,
}: {
  jobId: string;
  workerId: string;
  stepId: string;
  output: unknown;
  now: Date;
}): Promise<boolean> {
  const [row] = await saveStepStatement(getDb()).execute({
    jobId,
    workerId,
    stepId,
    output: output == null ? null : JSON.stringify(output),
    now: now.toISOString(),
  });
  return (row?.held ?? 0) > 0;
}

const saveStepStatement = preparedPer((db) => {
  const now = sql`${sql.placeholder("now")}::timestamptz`;
  const held = db.$with("held").as(
    db
      .update(jobs)
      .set({ lockedAt: now, updatedAt: now })
      .where(
        and(
          eq(jobs.id, sql.placeholder("jobId")),
          eq(jobs.lockedBy, sql.placeholder("workerId")),
          eq(jobs.state, "running"),
        ),
      )
      .returning({ id: jobs.id }),
  );
  const saved = db.$with("saved").as(
    db
      .insert(jobSteps)
      .select((qb) =>
        qb
          .select({
            jobId: held.id,
            stepId: sql`${sql.placeholder("stepId")}`.as("step_id"),
            output: sql`${sql.placeholder("output")}::jsonb`.as("output"),
            completedAt: now.as("completed_at"),
          })
          .from(held),
      )
      .onConflictDoNothing()
      .returning({ jobId: jobSteps.jobId }),
  );
  return db.with(held, saved).select({ held: count() }).from(held).prepare("save_job_step");
});

type HeldJobChange = Partial<Pick<NewJob, "progressPercent" | "progressMessage">>;

export async function updateHeldJob({
  jobId,
  workerId,
  change,
  now,
}: {
  jobId: string;
  workerId: string;
  change: HeldJobChange;
  now: Date;
}): Promise<boolean> {
  const rows = await getDb()
    .update(jobs)
    .set({ ...change, lockedAt: now, updatedAt: now })
    .where(heldBy(jobId, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Keeps this worker's claims fresh, so other runners do not take them for abandoned. */
export async function heartbeatJobs({ workerId, now }: { workerId: string; now: Date }): Promise<void> {
  await getDb()
    .update(jobs)
    .set({ lockedAt: now })
    .where(and(eq(jobs.lockedBy, workerId), eq(jobs.state, "running")));
}

export type JobOutcome =
  | { state: "succeeded"; result: unknown }
  | { state: "failed"; error: string }
  | { state: "retry"; error: string; runAfter: Date }
  | { state: "sleeping"; runAfter: Date };

/** Ends this worker's attempt. A sleep gives the attempt back: waiting is not trying. */
export async function finishJobAttempt({
  jobId,
  workerId,
  outcome,
  now,
}: {
  jobId: string;
  workerId: string;
  outcome: JobOutcome;
  now: Date;
}): Promise<boolean> {
  const release = { lockedAt: null, lockedBy: null, updatedAt: now };
  const change =
    outcome.state === "succeeded"
      ? { state: "succeeded" as const, result: outcome.result ?? null, error: null, finishedAt: now }
      : outcome.state === "failed"
        ? { state: "failed" as const, error: outcome.error, finishedAt: now }
        : outcome.state === "retry"
          ? { state: "queued" as const, error: outcome.error, runAfter: outcome.runAfter }
          : { state: "queued" as const, runAfter: outcome.runAfter, attempts: sql`${jobs.attempts} - 1` };
  const rows = await getDb()
    .update(jobs)
    .set({ ...change, ...release })
    .where(heldBy(jobId, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Puts back jobs whose runner stopped holding them (a crash, a kill, a lost replica). A job that was on
 * its last attempt fails instead, so a job that brings the process down cannot loop forever.
 */
export async function recoverAbandonedJobs({
  lockedBefore,
  now,
}: {
  /** Claims older than this are abandoned; without it, every claim is. */
  lockedBefore?: Date;
  now: Date;
}): Promise<{ requeued: number; failed: number }> {
  const abandoned = and(
    eq(jobs.state, "running"),
    lockedBefore ? lt(jobs.lockedAt, lockedBefore) : undefined,
  );
  const failed = await getDb()
    .update(jobs)
    .set({
      state: "failed",
      error: "The portal stopped while this job ran its last attempt.",
      finishedAt: now,
      lockedAt: null,
      lockedBy: null,
      updatedAt: now,
    })
    .where(and(abandoned, sql`${jobs.attempts} >= ${jobs.maxAttempts}`))
    .returning({ id: jobs.id });
  const requeued = await getDb()
    .update(jobs)
    .set({ state: "queued", runAfter: now, lockedAt: null, lockedBy: null, updatedAt: now })
    .where(abandoned)
    .returning({ id: jobs.id });
  return { requeued: requeued.length, failed: failed.length };
}
