import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  deletePowerSchedule,
  getPowerSchedule,
  type ScheduleTarget,
  upsertPowerSchedule,
} from "@/db/queries/power-schedules";
import { cohorts, type PowerSchedule } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { can } from "@/lib/authz/permissions";
import { type Person, vmAccess } from "@/lib/authz/vm-access";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { projectManagedBy } from "@/lib/projects/project-access";
import { powerScheduleInputSchema } from "./schedule-input";

export type { ScheduleTarget } from "@/db/queries/power-schedules";

/**
 * Whether the person may set the target's schedule: a cohort's teacher (or an admin); a project's owners
 * (or an admin); for a VM, whoever runs it for others (admin, project owner, its cohort's teacher) or the
 * owner of a personal VM outside any cohort, so a student cannot schedule their way out of class.
 */
async function mayScheduleTarget(person: Person, target: ScheduleTarget): Promise<void> {
  const admin = can(person.role, "admin:write");
  if ("cohortId" in target) {
    const [cohort] = await getDb().select().from(cohorts).where(eq(cohorts.id, target.cohortId));
    if (!cohort) throw notFound(message("errors.cohorts.noSuchClass"));
    if (!admin && cohort.teacherId !== person.id)
      throw forbidden(message("errors.schedules.teacherOnly", { cohort: cohort.name }));
    return;
  }
  if ("projectId" in target) {
    await projectManagedBy(person, target.projectId);
    return;
  }
  const access = await vmAccess(person, target.vmId);
  if (!access?.actions.has("view") || access.vm.state === "deleted")
    throw notFound(message("errors.schedules.noSuchVm"));
  if (access.relations.some((relation) => relation === "admin" || relation === "project-owner")) return;
  if (access.vm.cohortId) {
    const [cohort] = await getDb()
      .select({ teacherId: cohorts.teacherId })
      .from(cohorts)
      .where(eq(cohorts.id, access.vm.cohortId));
    if (cohort?.teacherId === person.id) return;
    throw forbidden(message("errors.schedules.followsClass"));
  }
  if (!access.relations.includes("owner")) throw forbidden(message("errors.schedules.ownerOnly"));
}

const targetOf = (target: ScheduleTarget) =>
  "cohortId" in target
    ? { type: "cohort", id: target.cohortId }
    : "projectId" in target
      ? { type: "project", id: target.projectId }
      : { type: "vm", id: target.vmId };

/** The target's schedule, for whoever may set it. */
export async function readPowerSchedule(
  person: Person,
  target: ScheduleTarget,
): Promise<PowerSchedule | null> {
  await mayScheduleTarget(person, target);
  return getPowerSchedule({ target });
}

/** Sets (or replaces) a cohort's, project's or VM's class times; the first edge acted on is the next one. */
export async function savePowerSchedule({
  person,
  actor,
  target,
  input,
  now = new Date(),
}: {
  person: Person;
  actor: AuditActor;
  target: ScheduleTarget;
  input: unknown;
  now?: Date;
}): Promise<PowerSchedule> {
  const parsed = powerScheduleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.message, issue.path.map(String).join(".") || undefined);
  }
  await mayScheduleTarget(person, target);
  const schedule = await upsertPowerSchedule({ target, ...parsed.data, now });
  await recordAuditEvent({
    actor,
    action: "schedule.set",
    target: targetOf(target),
    result: "success",
    detail: { ...parsed.data },
  });
  return schedule;
}

export async function removePowerSchedule({
  person,
  actor,
  target,
}: {
  person: Person;
  actor: AuditActor;
  target: ScheduleTarget;
}): Promise<boolean> {
  await mayScheduleTarget(person, target);
  const removed = await deletePowerSchedule({ target });
  if (removed)
    await recordAuditEvent({ actor, action: "schedule.remove", target: targetOf(target), result: "success" });
  return removed;
}
