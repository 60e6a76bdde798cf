import "server-only";
import { setCohortIdleStop } from "@/db/queries/cohorts";
import { getPowerSchedule } from "@/db/queries/power-schedules";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { removePowerSchedule, savePowerSchedule } from "@/lib/schedules/manage-schedules";
import { classSettingsInput } from "./class-settings-input";
import { cohortForTeacher } from "./teacher-view";

/** The class's times and idle stop as its page shows them for editing. */
export async function readClassSettings(person: Person, cohortId: string) {
  const cohort = await cohortForTeacher(person, cohortId);
  const schedule = await getPowerSchedule({ target: { cohortId: cohort.id } });
  return {
    schedule: { slots: schedule?.slots ?? [], allowOutside: schedule?.allowOutside ?? true },
    idleStop: cohort.idleStop,
  };
}

/**
 * The teacher (or an admin) changes a running class's times, in the class's zone, and its idle stop. No
 * class times removes the schedule. An ended class keeps what it had.
 */
export async function saveClassSettings(person: Person, cohortId: string, raw: unknown, actor: AuditActor) {
  const cohort = await cohortForTeacher(person, cohortId, { act: true });
  if (cohort.endedAt) throw conflict(message("errors.cohorts.ended"));
  const parsed = classSettingsInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.message, issue.path.map(String).join(".") || undefined);
  }
  const { schedule, idleStop } = parsed.data;
  const target = { cohortId: cohort.id };
  if (schedule.slots.length === 0) await removePowerSchedule({ person, actor, target });
  else await savePowerSchedule({ person, actor, target, input: { timeZone: cohort.timeZone, ...schedule } });
  await setCohortIdleStop({ id: cohort.id, idleStop });
  await recordAuditEvent({
    actor,
    action: "cohort.settings",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: { slots: schedule.slots.length, allowOutside: schedule.allowOutside, idleStop },
  });
  return parsed.data;
}
