import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Durable jobs (lib/jobs): the embedded runner's queue, memoized steps and cron bookkeeping.
export const jobStateEnum = pgEnum("job_state", ["queued", "running", "succeeded", "failed", "cancelled"]);

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    functionId: text("function_id").notNull(),
    eventName: text("event_name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    state: jobStateEnum("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    runAfter: timestamp("run_after", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { mode: "date", withTimezone: true }),
    lockedBy: text("locked_by"),
    idempotencyKey: text("idempotency_key"),
    progressPercent: integer("progress_percent"),
    progressMessage: text("progress_message"),
    result: jsonb("result"),
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (job) => [
    index("jobs_claim_idx").on(job.state, job.runAfter),
    index("jobs_created_idx").on(job.createdAt),
    // Nulls are distinct, so jobs without a key never collide.
    uniqueIndex("jobs_function_idempotency_idx").on(job.functionId, job.idempotencyKey),
  ],
);

/** A step that completed, so a resumed or retried run returns its output instead of running it again. */
export const jobSteps = pgTable(
  "job_steps",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    output: jsonb("output"),
    completedAt: timestamp("completed_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (step) => [primaryKey({ columns: [step.jobId, step.stepId] })],
);

export const cronSchedules = pgTable("cron_schedules", {
  functionId: text("function_id").primaryKey(),
  cron: text("cron").notNull(),
  lastRunAt: timestamp("last_run_at", { mode: "date", withTimezone: true }),
  nextRunAt: timestamp("next_run_at", { mode: "date", withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
export type JobState = (typeof jobStateEnum.enumValues)[number];
export type JobStep = typeof jobSteps.$inferSelect;
export type CronSchedule = typeof cronSchedules.$inferSelect;
