import "server-only";
import {
  finishJobAttempt,
  type JobOutcome,
  listJobSteps,
  saveJobStep,
  updateHeldJob,
} from "@/db/queries/job-queue";
import type { Job } from "@/db/schema";
import { publishJobChange } from "@/lib/live/portal-changes";
import { log } from "@/lib/log";
import { countJobRun } from "@/lib/metrics/job-metrics";
import type { AnyJobDefinition, JobContext, JobProgress } from "./define-job";
import { describeJobError, isNonRetriable } from "./errors";

export interface AttemptOptions {
  workerId: string;
  clock: () => Date;
  /** Milliseconds to wait before attempt `attempt + 1`. */
  backoff: (attempt: number) => number;
}

export interface RunningAttempt {
  /** Settles once the attempt's outcome is written; "lost" when this worker no longer held the job. */
  done: Promise<JobOutcome["state"] | "lost">;
  /** Freezes the handler where it stands and writes nothing more, as if the process had died. */
  halt(): void;
}

type Stop = { kind: "sleep"; until: Date } | { kind: "halt" };

const never = <T>() => new Promise<T>(() => {});

function asJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Runs one claimed attempt of a job: replays completed steps from the database, runs the rest. */
export function runJobAttempt(
  job: Job,
  definition: AnyJobDefinition,
  options: AttemptOptions,
): RunningAttempt {
  const { workerId, clock } = options;
  let stopWith: (stop: Stop) => void = () => {};
  const stopped = new Promise<Stop>((resolve) => {
    stopWith = resolve;
  });
  let halted = false;
  const halt = () => {
    halted = true;
    stopWith({ kind: "halt" });
  };
  const logger = log.child({ job: definition.id, runId: job.id, attempt: job.attempts });

  async function execute(): Promise<JobOutcome["state"] | "lost"> {
    const memo = new Map((await listJobSteps({ jobId: job.id })).map((step) => [step.stepId, step.output]));
    const seen = new Map<string, number>();
    const failedSteps = new WeakMap<object, string>();
    // Inngest numbers a repeated step id ("fetch", "fetch:1"); so does this runner, to match it.
    const stepKey = (id: string) => {
      const count = seen.get(id) ?? 0;
      seen.set(id, count + 1);
      return count === 0 ? id : `${id}:${count}`;
    };
    const save = async (stepId: string, output: unknown) => {
      if (!(await saveJobStep({ jobId: job.id, workerId, stepId, output, now: clock() }))) halt();
    };

    const context: JobContext<Record<string, unknown>> = {
      event: { name: job.eventName, data: job.payload },
      runId: job.id,
      attempt: job.attempts,
      log: logger,
      step: {
        async run<T>(id: string, fn: () => Promise<T> | T): Promise<T> {
          const key = stepKey(id);
          if (halted) return never();
          if (memo.has(key)) return memo.get(key) as T;
          let output: unknown;
          try {
            output = asJson(await fn());
          } catch (error) {
            if (error instanceof Object) failedSteps.set(error, key);
            throw error;
          }
          if (halted) return never();
          await save(key, output);
          if (halted) return never();
          memo.set(key, output);
          return output as T;
        },
        async sleep(id: string, ms: number): Promise<void> {
          const key = stepKey(id);
          if (halted) return never();
          const saved = memo.get(key) as { wakeAt: string } | undefined;
          const wakeAt = saved ? new Date(saved.wakeAt) : new Date(clock().getTime() + ms);
          if (wakeAt <= clock()) return;
          if (!saved) await save(key, { wakeAt: wakeAt.toISOString() });
          stopWith({ kind: "sleep", until: wakeAt });
          return never();
        },
      },
      async progress({ percent, message }: JobProgress) {
        if (halted) return;
        const change = {
          ...(percent === undefined
            ? {}
            : { progressPercent: Math.round(Math.min(100, Math.max(0, percent))) }),
          ...(message === undefined ? {} : { progressMessage: message }),
        };
        if (!(await updateHeldJob({ jobId: job.id, workerId, change, now: clock() }))) halt();
        else await publishJobChange(job.id);
      },
    };

    const ending = await Promise.race([
      definition.handler(context).then(
        (result) => ({ kind: "returned" as const, result }),
        (error: unknown) => ({ kind: "threw" as const, error }),
      ),
      stopped,
    ]);
    if (ending.kind === "halt" || halted) return "lost";

    let outcome: JobOutcome;
    if (ending.kind === "sleep") {
      outcome = { state: "sleeping", runAfter: ending.until };
    } else if (ending.kind === "returned") {
      outcome = { state: "succeeded", result: asJson(ending.result) };
    } else {
      const stepId = ending.error instanceof Object ? failedSteps.get(ending.error) : undefined;
      const error = describeJobError(ending.error, stepId);
      const lastAttempt = isNonRetriable(ending.error) || job.attempts >= job.maxAttempts;
      logger.warn({ err: ending.error, lastAttempt }, "job attempt failed");
      outcome = lastAttempt
        ? { state: "failed", error }
        : { state: "retry", error, runAfter: new Date(clock().getTime() + options.backoff(job.attempts)) };
    }
    const written = await finishJobAttempt({ jobId: job.id, workerId, outcome, now: clock() });
    if (written) await publishJobChange(job.id);
    return written ? outcome.state : "lost";
  }

  const done = execute()
    .catch((error: unknown) => {
      // The database failed under the runner; the claim goes stale and another attempt picks the job up.
      logger.error({ err: error }, "could not record a job attempt");
      return "lost" as const;
    })
    .then((outcome) => {
      countJobRun(definition.id, outcome);
      return outcome;
    });
  return { done, halt };
}
