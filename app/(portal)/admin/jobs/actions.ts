"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { cancelJob, type JobControlResult, retryJob } from "@/lib/jobs/job-controls";

const jobInput = z.object({ jobId: z.uuid(message("adminJobs.errors.pickJob")) });

function unlessRefused(
  result: JobControlResult,
  expected: "failed" | "queued",
): asserts result is JobControlResult & { ok: true } {
  if (result.ok) return;
  if (result.reason === "not-found") throw notFound(message("adminJobs.errors.gone"));
  const state = result.job?.state ?? "unknown";
  throw conflict(
    message(expected === "failed" ? "adminJobs.errors.onlyFailed" : "adminJobs.errors.onlyQueued", { state }),
  );
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
