import type { Job } from "@/db/schema";

/** What the admin jobs page shows of a job and may change in the browser; never its payload or result. */
export interface LiveJobView {
  id: string;
  functionId: string;
  state: Job["state"];
  runAfter: string;
  attempts: number;
  maxAttempts: number;
  progressPercent: number | null;
  progressMessage: string | null;
  error: string | null;
  finishedAt: string | null;
}

export function liveJobViewOf(job: Job): LiveJobView {
  return {
    id: job.id,
    functionId: job.functionId,
    state: job.state,
    runAfter: job.runAfter.toISOString(),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progressPercent: job.progressPercent,
    progressMessage: job.progressMessage,
    error: job.error,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
