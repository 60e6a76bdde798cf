import type { z } from "zod";
import { parseCron } from "./cron";

/** An event that starts jobs, named `app/noun.verb`, with the payload its senders must give. */
// Input and output alike: Inngest validates events with the schema and refuses transforms.
export type EventSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export interface JobEvent<TName extends string = string, TSchema extends EventSchema = EventSchema> {
  name: TName;
  schema: TSchema;
}

export function defineEvent<TName extends `app/${string}`, TSchema extends EventSchema>(
  name: TName,
  schema: TSchema,
): JobEvent<TName, TSchema> {
  return { name, schema };
}

export type JobTrigger = { event: JobEvent } | { cron: string };

/** What a handler reports for the UI's progress bar; either part may be left out. */
export interface JobProgress {
  percent?: number;
  message?: string;
}

export interface JobLogger {
  info(detail: Record<string, unknown>, message: string): void;
  warn(detail: Record<string, unknown>, message: string): void;
  error(detail: Record<string, unknown>, message: string): void;
}

export interface JobSteps {
  /**
   * Runs `fn` once per job: when the job resumes or retries, a step that completed returns its saved
   * output instead. The output is stored as JSON, so a Date comes back as a string.
   */
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  /** Waits durably: the job is put aside and picked up again after `ms`, even across restarts. */
  sleep(id: string, ms: number): Promise<void>;
}

type PayloadOf<TTrigger extends JobTrigger> = TTrigger extends { event: JobEvent<string, infer S> }
  ? z.output<S>
  : Record<string, never>;

export interface JobContext<TPayload> {
  event: { name: string; data: TPayload };
  step: JobSteps;
  runId: string;
  /** 1 for the first attempt. */
  attempt: number;
  log: JobLogger;
  progress(progress: JobProgress): Promise<void>;
}

export interface JobDefinition<TTrigger extends JobTrigger = JobTrigger, TResult = unknown> {
  /** kebab-case; also the Inngest function id. */
  id: string;
  /** A short line for the admin's Jobs page. */
  description: string;
  trigger: TTrigger;
  /** Retries after the first attempt fails (Inngest's meaning). Default 3. */
  retries?: number;
  /**
   * At most one run at a time per value of this payload field, across every process (Inngest's
   * `concurrency` key). The embedded runner keeps to it inside the job, where it needs to.
   */
  onePerEventField?: string;
  handler(context: JobContext<PayloadOf<TTrigger>>): Promise<TResult>;
}

/** Any job, as the registry holds them; `handler` is a method, so a job with a narrower payload fits. */
export type AnyJobDefinition = JobDefinition<JobTrigger, unknown>;

export const defaultRetries = 3;

export function defineJob<TTrigger extends JobTrigger, TResult>(
  definition: JobDefinition<TTrigger, TResult>,
): JobDefinition<TTrigger, TResult> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) {
    throw new Error(`Job id "${definition.id}" must be kebab-case, like "provision-vm".`);
  }
  const retries = definition.retries ?? defaultRetries;
  if (!Number.isInteger(retries) || retries < 0 || retries > 20) {
    throw new Error(`Job "${definition.id}": retries must be a whole number from 0 to 20 (Inngest's limit).`);
  }
  if ("cron" in definition.trigger) parseCron(definition.trigger.cron);
  if (
    definition.onePerEventField !== undefined &&
    !/^[A-Za-z][A-Za-z0-9]*$/.test(definition.onePerEventField)
  )
    throw new Error(`Job "${definition.id}": onePerEventField must name a payload field, like "cohortId".`);
  return definition;
}

export function maxAttemptsOf(definition: AnyJobDefinition): number {
  return (definition.retries ?? defaultRetries) + 1;
}

/** Inngest's name for the event behind a cron run; the embedded runner records the same. */
export const cronEventName = "inngest/scheduled.timer";
