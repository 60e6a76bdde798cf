import "server-only";
import { and, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { cohorts, type PowerSchedule, powerSchedules, type ScheduleSlot, type Vm, vms } from "../schema";

/** What a schedule is for: exactly one cohort, project or VM. */
export type ScheduleTarget = { cohortId: string } | { projectId: string } | { vmId: string };

const targetColumn = (target: ScheduleTarget) =>
  "cohortId" in target
    ? eq(powerSchedules.cohortId, target.cohortId)
    : "projectId" in target
      ? eq(powerSchedules.projectId, target.projectId)
      : eq(powerSchedules.vmId, target.vmId);

export async function getPowerSchedule(
  { target }: { target: ScheduleTarget },
  db: Executor = getDb(),
): Promise<PowerSchedule | null> {
  const [row] = await db.select().from(powerSchedules).where(targetColumn(target)).limit(1);
  return row ?? null;
}

/**
 * Sets the target's schedule. A changed schedule acts on no edge before now: its first is the next one,
 * so saving never replays a class start that already passed.
 */
export async function upsertPowerSchedule(
  {
    target,
    timeZone,
    slots,
    allowOutside,
    now,
  }: { target: ScheduleTarget; timeZone: string; slots: ScheduleSlot[]; allowOutside: boolean; now: Date },
  db: Executor = getDb(),
): Promise<PowerSchedule> {
  const values = { timeZone, slots, allowOutside, lastEdgeAt: now };
  const conflictTarget =
    "cohortId" in target
      ? powerSchedules.cohortId
      : "projectId" in target
        ? powerSchedules.projectId
        : powerSchedules.vmId;
  const [row] = await db
    .insert(powerSchedules)
    .values({ ...target, ...values, createdAt: now })
    .onConflictDoUpdate({ target: conflictTarget, set: values })
    .returning();
  return row!;
}

export async function deletePowerSchedule(
  { target }: { target: ScheduleTarget },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .delete(powerSchedules)
    .where(targetColumn(target))
    .returning({ id: powerSchedules.id });
  return rows.length > 0;
}

/** Schedules that still act: a cohort's stops with its term. */
export async function listActingSchedules(db: Executor = getDb()): Promise<PowerSchedule[]> {
  const rows = await db
    .select({ schedule: powerSchedules })
    .from(powerSchedules)
    .leftJoin(cohorts, eq(cohorts.id, powerSchedules.cohortId))
    .where(or(isNull(powerSchedules.cohortId), isNull(cohorts.endedAt)));
  return rows.map((row) => row.schedule);
}

/**
 * Moves the schedule's last edge to `edgeAt` if it was before it; false when another run (a replica, an
 * overlapping minute) already took this edge or a later one, so each edge is acted on once.
 */
export async function claimScheduleEdge(
  { id, edgeAt }: { id: string; edgeAt: Date },
  db: Executor = getDb(),
): Promise<boolean> {
  const rows = await db
    .update(powerSchedules)
    .set({ lastEdgeAt: edgeAt })
    .where(
      and(
        eq(powerSchedules.id, id),
        or(isNull(powerSchedules.lastEdgeAt), lt(powerSchedules.lastEdgeAt, edgeAt)),
      ),
    )
    .returning({ id: powerSchedules.id });
  return rows.length === 1;
}

const hasOwnSchedule = sql`exists (select 1 from ${powerSchedules} own where own.vm_id = ${vms.id})`;
const cohortHasSchedule = sql`exists (select 1 from ${powerSchedules} cs where cs.cohort_id = ${vms.cohortId})`;

/**
 * The VMs a schedule powers: live on Proxmox, lease running, and governed by this schedule rather than a
 * nearer one (a VM's own schedule over its cohort's, a cohort's over its project's).
 */
export async function listScheduledVms(
  { schedule, now }: { schedule: PowerSchedule; now: Date },
  db: Executor = getDb(),
): Promise<Vm[]> {
  let governed: SQL | undefined;
  if (schedule.vmId) governed = eq(vms.id, schedule.vmId);
  else if (schedule.cohortId) governed = and(eq(vms.cohortId, schedule.cohortId), sql`not ${hasOwnSchedule}`);
  else if (schedule.projectId)
    governed = and(
      eq(vms.projectId, schedule.projectId),
      sql`not ${hasOwnSchedule}`,
      or(isNull(vms.cohortId), sql`not ${cohortHasSchedule}`),
    );
  if (!governed) return [];
  return db
    .select()
    .from(vms)
    .where(
      and(
        governed,
        inArray(vms.state, ["running", "stopped", "paused"]),
        isNull(vms.deletedAt),
        isNotNull(vms.vmid),
        isNotNull(vms.node),
        isNull(vms.leaseStoppedAt),
        or(isNull(vms.leaseExpiresAt), gt(vms.leaseExpiresAt, now), eq(vms.leaseExempt, true)),
      ),
    );
}

/** The schedules that could govern this VM, nearest first: its own, its cohort's (while the term runs), its project's. */
export async function listSchedulesOverVm(
  { vm }: { vm: Pick<Vm, "id" | "cohortId" | "projectId"> },
  db: Executor = getDb(),
): Promise<PowerSchedule[]> {
  const rows = await db
    .select({ schedule: powerSchedules, cohortEnded: cohorts.endedAt })
    .from(powerSchedules)
    .leftJoin(cohorts, eq(cohorts.id, powerSchedules.cohortId))
    .where(
      or(
        eq(powerSchedules.vmId, vm.id),
        vm.cohortId ? eq(powerSchedules.cohortId, vm.cohortId) : undefined,
        vm.projectId ? eq(powerSchedules.projectId, vm.projectId) : undefined,
      ),
    );
  const rank = (schedule: PowerSchedule) => (schedule.vmId ? 0 : schedule.cohortId ? 1 : 2);
  return rows
    .filter((row) => !row.cohortEnded)
    .map((row) => row.schedule)
    .sort((a, b) => rank(a) - rank(b));
}
