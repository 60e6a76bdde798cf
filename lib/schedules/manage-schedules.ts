import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { deletePowerSchedule, type ScheduleTarget, upsertPowerSchedule } from "@/db/queries/power-schedules";
import { cohorts, type PowerSchedule } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { can } from "@/lib/authz/permissions";
import { type Person, type VmAccess, vmAccess } from "@/lib/authz/vm-access";
import { conflict, forbidden, invalid, isDomainError, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { projectManagedBy } from "@/lib/projects/project-access";
import { powerScheduleInputSchema, powerTimesFormSchema } from "./schedule-input";

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
    const project = await projectManagedBy(person, target.projectId);
    if (project.archivedAt)
      throw conflict(message("errors.schedules.projectArchived", { project: project.name }));
    return;
  }
  vmSchedulable(await vmAccess(person, target.vmId));
}

/**
 * The VM half of the rule, from the access the caller already read: not found unless seen; admins,
 * project owners and the VM's teacher may; a class's student may not; a personal VM's owner may.
 */
function vmSchedulable(access: VmAccess | null): asserts access is VmAccess {
  if (!access?.actions.has("view") || access.vm.state === "deleted")
    throw notFound(message("errors.schedules.noSuchVm"));
  const { relations } = access;
  if (
    relations.some(
      (relation) => relation === "admin" || relation === "project-owner" || relation === "teacher",
    )
  )
    return;
  if (access.vm.cohortId) throw forbidden(message("errors.schedules.followsClass"));
  if (!relations.includes("owner")) throw forbidden(message("errors.schedules.ownerOnly"));
}

/** A refusal answers "no"; anything else (not found, a failure) is thrown on. */
function forbiddenMeansNo(error: unknown): false {
  if (isDomainError(error) && error.kind === "forbidden") return false;
  throw error;
}

/** Whether the person behind this access may set the VM's own schedule. */
export function mayScheduleVm(access: VmAccess): boolean {
  try {
    vmSchedulable(access);
    return true;
  } catch (error) {
    return forbiddenMeansNo(error);
  }
}

/** Whether the person may set the target's schedule; a target they cannot see still answers not-found. */
export function maySchedule(person: Person, target: ScheduleTarget): Promise<boolean> {
  return mayScheduleTarget(person, target).then(() => true, forbiddenMeansNo);
}

/** Records a schedule change; the API's adds that it came through a token. */
export type ScheduleAudit = (entry: {
  action: "schedule.set" | "schedule.remove";
  target: { type: string; id: string };
  detail?: Record<string, unknown>;
}) => Promise<void>;

const auditAs =
  (actor: AuditActor): ScheduleAudit =>
  (entry) =>
    recordAuditEvent({ actor, result: "success", ...entry });

const targetOf = (target: ScheduleTarget) =>
  "cohortId" in target
    ? { type: "cohort", id: target.cohortId }
    : "projectId" in target
      ? { type: "project", id: target.projectId }
      : { type: "vm", id: target.vmId };

/** Sets (or replaces) a cohort's, project's or VM's class times; the first edge acted on is the next one. */
export async function savePowerSchedule({
  person,
  actor,
  target,
  input,
  now = new Date(),
  audit = auditAs(actor),
}: {
  person: Person;
  actor: AuditActor;
  target: ScheduleTarget;
  input: unknown;
  now?: Date;
  audit?: ScheduleAudit;
}): Promise<PowerSchedule> {
  const parsed = powerScheduleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.message, issue.path.map(String).join(".") || undefined);
  }
  await mayScheduleTarget(person, target);
  const schedule = await upsertPowerSchedule({ target, ...parsed.data, now });
  await audit({ action: "schedule.set", target: targetOf(target), detail: { ...parsed.data } });
  return schedule;
}

export async function removePowerSchedule({
  person,
  actor,
  target,
  audit = auditAs(actor),
}: {
  person: Person;
  actor: AuditActor;
  target: ScheduleTarget;
  audit?: ScheduleAudit;
}): Promise<boolean> {
  await mayScheduleTarget(person, target);
  const removed = await deletePowerSchedule({ target });
  if (removed) await audit({ action: "schedule.remove", target: targetOf(target) });
  return removed;
}

/**
 * What a project's or VM's page saves: its times in its zone, or none, which removes the schedule. The
 * form's shape, parsed again here, so a caller that skips the form's checks gets the same reasons.
 */
export async function applyPowerTimes({
  person,
  actor,
  target,
  input,
}: {
  person: Person;
  actor: AuditActor;
  target: ScheduleTarget;
  input: unknown;
}): Promise<"saved" | "removed" | "none"> {
  const parsed = powerTimesFormSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.message, issue.path.map(String).join(".") || undefined);
  }
  const { timeZone, schedule } = parsed.data;
  if (schedule.slots.length === 0)
    return (await removePowerSchedule({ person, actor, target })) ? "removed" : "none";
  await savePowerSchedule({ person, actor, target, input: { timeZone, ...schedule } });
  return "saved";
}
