import "server-only";
import { and, asc, eq, ne, notInArray } from "drizzle-orm";
import { getDb } from "../client";
import { type CronSchedule, cronSchedules, jobs, type NewJob } from "../schema";

export async function listCronSchedules(): Promise<CronSchedule[]> {
  return getDb().select().from(cronSchedules).orderBy(asc(cronSchedules.functionId));
}

/** Records a schedule the first time it is seen, or when its expression changed; keeps it otherwise. */
export async function saveCronSchedule({
  functionId,
  cron,
  nextRunAt,
  now,
}: {
  functionId: string;
  cron: string;
  nextRunAt: Date;
  now: Date;
}): Promise<CronSchedule> {
  const [inserted] = await getDb()
    .insert(cronSchedules)
    .values({ functionId, cron, nextRunAt, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [changed] = await getDb()
    .update(cronSchedules)
    .set({ cron, nextRunAt, updatedAt: now })
    .where(and(eq(cronSchedules.functionId, functionId), ne(cronSchedules.cron, cron)))
    .returning();
  if (changed) return changed;
  const [kept] = await getDb().select().from(cronSchedules).where(eq(cronSchedules.functionId, functionId));
  return kept!;
}

/**
 * Fires a due schedule once: moves it on from `due` to `nextRunAt` and adds the job, together. When
 * several runners try at once, only the one that still sees `due` wins; the rest get false.
 */
export async function fireCronSchedule({
  functionId,
  due,
  nextRunAt,
  job,
  now,
}: {
  functionId: string;
  due: Date;
  nextRunAt: Date;
  job: NewJob;
  now: Date;
}): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const moved = await tx
      .update(cronSchedules)
      .set({ lastRunAt: now, nextRunAt, updatedAt: now })
      .where(and(eq(cronSchedules.functionId, functionId), eq(cronSchedules.nextRunAt, due)))
      .returning({ functionId: cronSchedules.functionId });
    if (moved.length === 0) return false;
    await tx.insert(jobs).values(job).onConflictDoNothing();
    return true;
  });
}

/** Forgets schedules of cron jobs that no longer exist. */
export async function deleteCronSchedulesExcept({ functionIds }: { functionIds: string[] }): Promise<number> {
  const rows = await getDb()
    .delete(cronSchedules)
    .where(functionIds.length > 0 ? notInArray(cronSchedules.functionId, functionIds) : undefined)
    .returning({ functionId: cronSchedules.functionId });
  return rows.length;
}
