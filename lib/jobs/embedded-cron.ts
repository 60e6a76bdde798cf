import "server-only";
import { fireCronSchedule, saveCronSchedule } from "@/db/queries/cron-schedules";
import { log } from "@/lib/log";
import { nextCronTime } from "./cron";
import { type AnyJobDefinition, cronEventName, maxAttemptsOf } from "./define-job";

/**
 * Adds a job for every cron schedule that came due. After downtime a schedule fires once, for the time it
 * was due, then moves on to its next time after now: missed periods are not made up one by one.
 */
export async function fireDueCronJobs({
  definitions,
  now,
}: {
  definitions: AnyJobDefinition[];
  now: Date;
}): Promise<number> {
  let fired = 0;
  for (const definition of definitions) {
    if (!("cron" in definition.trigger)) continue;
    const { cron } = definition.trigger;
    const nextRunAt = nextCronTime(cron, now);
    const schedule = await saveCronSchedule({ functionId: definition.id, cron, nextRunAt, now });
    if (schedule.nextRunAt > now) continue;
    const won = await fireCronSchedule({
      functionId: definition.id,
      due: schedule.nextRunAt,
      nextRunAt,
      now,
      job: {
        functionId: definition.id,
        eventName: cronEventName,
        payload: {},
        maxAttempts: maxAttemptsOf(definition),
        idempotencyKey: `cron:${schedule.nextRunAt.toISOString()}`,
        runAfter: now,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (won) {
      fired += 1;
      log.info({ job: definition.id, due: schedule.nextRunAt }, "cron job due");
    }
  }
  return fired;
}
