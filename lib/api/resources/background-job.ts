import { z } from "zod";
import { type Job, jobStateEnum } from "@/db/schema";

/**
 * A run of the portal's own job runner, as Admin → Jobs lists it. Its payload stays out: it can carry a
 * new VM's password, hashed or sealed.
 */
export const backgroundJobResource = z
  .object({
    id: z.uuid(),
    functionId: z.string().meta({ description: "Which job this is, such as `provision-vm`." }),
    eventName: z.string(),
    state: z.enum(jobStateEnum.enumValues),
    vmId: z.string().nullable().meta({ description: "The VM the job works on, when it works on one." }),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    progressPercent: z.number().int().nullable(),
    progressMessage: z.string().nullable(),
    error: z.string().nullable(),
    runAfter: z.iso.datetime().meta({ description: "When a queued job is due (a retry waits until then)." }),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "BackgroundJob" });

export function backgroundJobResourceOf(job: Job): z.infer<typeof backgroundJobResource> {
  const vmId = job.payload.vmId;
  return {
    id: job.id,
    functionId: job.functionId,
    eventName: job.eventName,
    state: job.state,
    vmId: typeof vmId === "string" ? vmId : null,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    progressPercent: job.progressPercent,
    progressMessage: job.progressMessage,
    error: job.error,
    runAfter: job.runAfter.toISOString(),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
