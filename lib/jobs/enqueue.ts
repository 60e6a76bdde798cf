import "server-only";
import type { z } from "zod";
import { insertJob } from "@/db/queries/job-queue";
import { getConfig } from "@/lib/config";
import { publishJobChange } from "@/lib/live/portal-changes";
import { log } from "@/lib/log";
import { type EventSchema, type JobEvent, maxAttemptsOf } from "./define-job";
import { jobsTriggeredBy, registerJobs } from "./job-registry";
import { currentRunner } from "./runner-holder";

export interface EnqueueOptions {
  /**
   * Sending twice with the same key starts the work once. Embedded: per job, for as long as the job row is
   * kept (30 days after success). Inngest: the event id, deduplicated for 24 hours.
   */
  idempotencyKey?: string;
}

export type EnqueueResult =
  | { runner: "embedded"; jobIds: string[]; duplicate: boolean }
  | { runner: "inngest"; eventIds: string[] };

export class JobPayloadError extends Error {
  constructor(eventName: string, problems: string[]) {
    super(`The "${eventName}" event was not sent; its payload is not valid: ${problems.join("; ")}.`);
    this.name = "JobPayloadError";
  }
}

/** Asks for background work: every job triggered by the event runs once with this payload. */
export async function enqueue<TSchema extends EventSchema>(
  event: JobEvent<string, TSchema>,
  payload: z.input<TSchema>,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const parsed = event.schema.safeParse(payload);
  if (!parsed.success) {
    throw new JobPayloadError(
      event.name,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`),
    );
  }
  const data = parsed.data;
  if (getConfig().jobs === "inngest") {
    const { inngest } = await import("./inngest-client");
    const { ids } = await inngest.send({ name: event.name, data, id: options.idempotencyKey });
    return { runner: "inngest", eventIds: ids };
  }

  const { allJobs } = await import("./definitions");
  registerJobs(allJobs);
  const targets = jobsTriggeredBy(event.name);
  if (targets.length === 0) log.warn({ event: event.name }, "an event was sent that no job listens to");
  const now = new Date();
  const inserted = await Promise.all(
    targets.map((definition) =>
      insertJob({
        job: {
          functionId: definition.id,
          eventName: event.name,
          payload: data,
          maxAttempts: maxAttemptsOf(definition),
          idempotencyKey: options.idempotencyKey ?? null,
          runAfter: now,
        },
      }),
    ),
  );
  await Promise.all(inserted.filter(({ created }) => created).map(({ job }) => publishJobChange(job.id)));
  currentRunner()?.wake();
  return {
    runner: "embedded",
    jobIds: inserted.map(({ job }) => job.id),
    duplicate: inserted.length > 0 && inserted.every(({ created }) => !created),
  };
}
