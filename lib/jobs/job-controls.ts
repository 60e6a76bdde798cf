import "server-only";
import { cancelQueuedJob, getJob, retryFailedJob } from "@/db/queries/jobs";
import type { Job } from "@/db/schema";
import { publishJobChange } from "@/lib/live/portal-changes";
import { currentRunner } from "./runner-holder";

export type JobControlResult =
  | { ok: true; job: Job }
  | { ok: false; reason: "not-found" | "wrong-state"; job?: Job };

/** Gives a failed job a fresh set of attempts; it carries on after its last completed step. */
export async function retryJob({ id }: { id: string }): Promise<JobControlResult> {
  const job = await retryFailedJob({ id, now: new Date() });
  if (job) {
    await publishJobChange(job.id);
    currentRunner()?.wake();
    return { ok: true, job };
  }
  const existing = await getJob({ id });
  return existing ? { ok: false, reason: "wrong-state", job: existing } : { ok: false, reason: "not-found" };
}

/** Cancels a job that is waiting to run; a running job cannot be cut off safely and is refused. */
export async function cancelJob({ id }: { id: string }): Promise<JobControlResult> {
  const job = await cancelQueuedJob({ id, now: new Date() });
  if (job) {
    await publishJobChange(job.id);
    return { ok: true, job };
  }
  const existing = await getJob({ id });
  return existing ? { ok: false, reason: "wrong-state", job: existing } : { ok: false, reason: "not-found" };
}
