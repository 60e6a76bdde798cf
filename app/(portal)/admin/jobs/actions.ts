"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { conflict, notFound } from "@/lib/errors";
import { cancelJob, type JobControlResult, retryJob } from "@/lib/jobs/job-controls";

const jobInput = z.object({ jobId: z.uuid("Pick a job.") });

function unlessRefused(
  result: JobControlResult,
  expected: string,
): asserts result is JobControlResult & { ok: true } {
  if (result.ok) return;
  if (result.reason === "not-found") throw notFound("That job does not exist any more.");
  throw conflict(`Only ${expected} jobs can be changed this way; this one is ${result.job?.state}.`);
}

export const retryJobAction = validatedAction(
  { name: "job.retry", permission: "admin:write", input: jobInput },
  async ({ jobId }, { audit }) => {
    const result = await retryJob({ id: jobId });
    unlessRefused(result, "failed");
    await audit({
      action: "job.retry",
      target: { type: "job", id: jobId },
      detail: { function: result.job.functionId },
    });
    revalidatePath("/admin/jobs");
    return { state: result.job.state };
  },
);

export const cancelJobAction = validatedAction(
  { name: "job.cancel", permission: "admin:write", input: jobInput },
  async ({ jobId }, { audit }) => {
    const result = await cancelJob({ id: jobId });
    unlessRefused(result, "queued");
    await audit({
      action: "job.cancel",
      target: { type: "job", id: jobId },
      detail: { function: result.job.functionId },
    });
    revalidatePath("/admin/jobs");
    return { state: result.job.state };
  },
);
