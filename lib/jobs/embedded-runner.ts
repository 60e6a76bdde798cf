import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { claimNextJob, heartbeatJobs, recoverAbandonedJobs } from "@/db/queries/job-queue";
import { publishJobChange } from "@/lib/live/portal-changes";
import { log } from "@/lib/log";
import type { AnyJobDefinition } from "./define-job";
import { fireDueCronJobs } from "./embedded-cron";
import { registerJobs } from "./job-registry";
import { type RunningAttempt, runJobAttempt } from "./run-job-attempt";

export interface EmbeddedRunnerOptions {
  jobs: AnyJobDefinition[];
  workerId?: string;
  /** How often to look for due jobs and cron schedules. Default 1 s. */
  pollIntervalMs?: number;
  /** Jobs run at once by this runner. Default 2. */
  concurrency?: number;
  /** A claim not refreshed for this long belongs to a runner that died. Default 60 s. */
  staleAfterMs?: number;
  /** Take back every running job at start: right when this process is the only runner (PGlite). */
  recoverAllOnStart?: boolean;
  /** Wait before the next attempt. Default: 10 s doubling per attempt, at most 10 minutes. */
  backoff?: (attempt: number) => number;
  clock?: () => Date;
}

export interface EmbeddedRunner {
  workerId: string;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones; after the timeout they are left for the next start. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Looks for work now instead of at the next poll (enqueue calls it). */
  wake(): void;
  /** Takes back stale claims, fires due cron schedules and runs every due job; returns the attempts run. */
  runUntilIdle(): Promise<number>;
}

const defaultBackoff = (attempt: number) => Math.min(10_000 * 2 ** (attempt - 1), 600_000);
const cronCheckEveryMs = 10_000;

export function createEmbeddedRunner(options: EmbeddedRunnerOptions): EmbeddedRunner {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const clock = options.clock ?? (() => new Date());
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const concurrency = options.concurrency ?? 2;
  const staleAfterMs = options.staleAfterMs ?? 60_000;
  const attemptOptions = { workerId, clock, backoff: options.backoff ?? defaultBackoff };
  const definitions = new Map(options.jobs.map((definition) => [definition.id, definition]));
  const functionIds = [...definitions.keys()];
  const running = new Set<RunningAttempt>();
  registerJobs(options.jobs);
  const logger = log.child({ workerId });
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | null = null;
  let started = false;
  let stopping = false;
  let lastCronCheck = 0;
  let lastMaintenance = 0;

  async function claimAndStart(): Promise<RunningAttempt | null> {
    const job = await claimNextJob({ workerId, now: clock(), functionIds });
    if (!job) return null;
    void publishJobChange(job.id);
    const attempt = runJobAttempt(job, definitions.get(job.functionId)!, attemptOptions);
    running.add(attempt);
    void attempt.done.then((state) => {
      running.delete(attempt);
      logger.info({ job: job.functionId, runId: job.id, state }, "job attempt ended");
      if (started && !stopping) wake();
    });
    return attempt;
  }

  async function keepClaimsAndRecover(): Promise<void> {
    await heartbeatJobs({ workerId, now: clock() });
    const lockedBefore = new Date(clock().getTime() - staleAfterMs);
    const recovered = await recoverAbandonedJobs({ lockedBefore, now: clock() });
    if (recovered.requeued + recovered.failed > 0) logger.warn(recovered, "took back abandoned jobs");
  }

  async function tick(): Promise<void> {
    const now = clock().getTime();
    if (now - lastCronCheck >= cronCheckEveryMs) {
      lastCronCheck = now;
      await fireDueCronJobs({ definitions: options.jobs, now: clock() });
    }
    if (now - lastMaintenance >= staleAfterMs / 3) {
      lastMaintenance = now;
      await keepClaimsAndRecover();
    }
    while (!stopping && running.size < concurrency && (await claimAndStart())) {}
  }

  function schedule(delay: number): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (ticking) return schedule(pollIntervalMs);
      ticking = tick()
        .catch((error: unknown) => {
          logger.error({ err: error }, "the job runner could not reach the database; trying again");
        })
        .finally(() => {
          ticking = null;
          schedule(pollIntervalMs);
        });
    }, delay);
    timer.unref();
  }

  function wake(): void {
    schedule(0);
  }

  return {
    workerId,
    wake,
    async start() {
      if (options.recoverAllOnStart) {
        const recovered = await recoverAbandonedJobs({ now: clock() });
        if (recovered.requeued + recovered.failed > 0) {
          logger.warn(recovered, "resuming jobs that were running when the portal stopped");
        }
      }
      started = true;
      stopping = false;
      logger.info({ jobs: functionIds }, "embedded job runner started");
      wake();
    },
    async stop({ timeoutMs = 10_000 } = {}) {
      stopping = true;
      clearTimeout(timer);
      let timeout: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(true), timeoutMs);
      });
      // A tick in progress may still be claiming; its claims are waited for like the others.
      await Promise.race([ticking, timedOut]);
      const pending = [...running];
      const finished = Promise.all(pending.map((attempt) => attempt.done)).then(() => false);
      if (await Promise.race([finished, timedOut])) {
        for (const attempt of pending) attempt.halt();
        logger.warn(
          { left: pending.length },
          "stopped with jobs still running; they resume at the next start",
        );
      }
      clearTimeout(timeout);
      started = false;
    },
    async runUntilIdle() {
      await keepClaimsAndRecover();
      await fireDueCronJobs({ definitions: options.jobs, now: clock() });
      let attempts = 0;
      const lane = async () => {
        for (let attempt = await claimAndStart(); attempt; attempt = await claimAndStart()) {
          attempts += 1;
          await attempt.done;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      return attempts;
    },
  };
}
