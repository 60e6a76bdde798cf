import { eventType } from "inngest";
import { type AnyJobDefinition, defaultRetries, type JobSteps } from "@/lib/jobs/define-job";
import { registerJobs } from "@/lib/jobs/job-registry";
import { log } from "@/lib/log";
import { countJobRun } from "@/lib/metrics/job-metrics";
import { inngest } from "./client";

function triggerOf(definition: AnyJobDefinition) {
  if ("cron" in definition.trigger) return { cron: definition.trigger.cron };
  const { name, schema } = definition.trigger.event;
  return eventType(name, { schema });
}

/** Turns a job definition into an Inngest function: the same handler, with Inngest's steps under it. */
export function createInngestFunction(definition: AnyJobDefinition) {
  // The served jobs are the known ones in this process too, as the embedded runner's are in its own.
  registerJobs([definition]);
  return inngest.createFunction(
    {
      id: definition.id,
      name: definition.description,
      retries: (definition.retries ?? defaultRetries) as 3,
      triggers: [triggerOf(definition)],
      ...(definition.onePerEventField
        ? { concurrency: [{ key: `event.data.${definition.onePerEventField}`, limit: 1 }] }
        : {}),
    },
    async ({ event, step, runId, attempt }) => {
      const logger = log.child({ job: definition.id, runId, attempt: attempt + 1 });
      const steps: JobSteps = {
        run: <T>(id: string, fn: () => Promise<T> | T) => step.run(id, fn) as Promise<T>,
        sleep: (id, ms) => step.sleep(id, ms),
      };
      const retries = definition.retries ?? defaultRetries;
      try {
        const result = await definition.handler({
          event: { name: event.name, data: event.data ?? {} },
          step: steps,
          runId,
          attempt: attempt + 1,
          log: logger,
          // Inngest's dashboard shows the steps of a run; there is no job row here to hold a percentage.
          progress: async (progress) => logger.debug(progress, "job progress"),
        });
        countJobRun(definition.id, "succeeded");
        return result;
      } catch (error) {
        countJobRun(definition.id, attempt >= retries ? "failed" : "retry");
        throw error;
      }
    },
  );
}
