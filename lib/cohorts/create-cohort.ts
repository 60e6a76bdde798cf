import "server-only";
import { getDb } from "@/db/client";
import { findCohortByNameOrSlug, insertCohort, insertSeats, listGroupMembers } from "@/db/queries/cohorts";
import { getProjectById } from "@/db/queries/projects";
import { getEnabledTemplate } from "@/db/queries/templates";
import type { Cohort, CohortSeat } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { getSetting } from "@/lib/settings/settings";
import { vmSizeSchema } from "@/lib/vms/vm-size";
import { checkMayTeachIn } from "./cohort-access";
import { cohortInput, slugFromName } from "./cohort-inputs";
import { mailInvitations } from "./invite-students";
import { type RosterSeat, requestBatch, seatState, seatsFromRoster } from "./roster";
import { parseRosterCsv } from "./roster-csv";

export interface CreatedCohort {
  cohort: Cohort;
  seats: CohortSeat[];
}

/**
 * Makes a class: checks who may (admins, or owners of the project it counts in), the template, the size
 * against the per-VM limits and the roster (every bad CSV line at once), then records the class with a
 * seat per student and hands the seats with a student to the batch. Invited students' seats wait.
 */
export async function createCohort(person: Person, raw: unknown, actor: AuditActor): Promise<CreatedCohort> {
  const parsed = cohortInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.message, String(issue.path[0] ?? "cohort"));
  }
  const input = parsed.data;
  await checkMayTeachIn(person, input.projectId ?? null);
  if (input.projectId) {
    const project = await getProjectById({ id: input.projectId });
    if (!project || project.archivedAt)
      throw invalid(message("errors.cohorts.projectUnavailable"), "projectId");
  }
  const template = await getEnabledTemplate({ id: input.templateId });
  if (!template) throw invalid(message("errors.cohorts.templateUnavailable"), "templateId");
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(input);
  if (!size.success) {
    const issue = size.error.issues[0]!;
    throw invalid(issue.message, String(issue.path[0]));
  }
  if (size.data.diskGb < template.minDiskGb)
    throw invalid(
      message("errors.cohorts.diskTooSmall", { template: template.label, minDiskGb: template.minDiskGb }),
      "diskGb",
    );
  if (input.endsAt.getTime() <= Date.now()) throw invalid(message("errors.cohorts.endInPast"), "endsAt");
  const slug = input.slug ?? slugFromName(input.name);
  if (slug.length < 2) throw invalid(message("errors.cohorts.slugMissing"), "slug");
  if (await findCohortByNameOrSlug({ name: input.name, slug }))
    throw conflict(message("errors.cohorts.nameTaken", { name: input.name, slug }));

  const roster: RosterSeat[] = input.rosterGroup
    ? (await listGroupMembers({ group: input.rosterGroup })).map((user) => ({ userId: user.id }))
    : await seatsFromRoster(parseRosterCsv(input.roster ?? ""));

  const made = await getDb()
    .transaction(async (tx) => {
      const cohort = await insertCohort(
        {
          name: input.name,
          slug,
          teacherId: person.id,
          projectId: input.projectId ?? null,
          ownership: input.ownership,
          templateId: template.id,
          cores: size.data.cores,
          memoryMb: size.data.memoryMb,
          diskGb: size.data.diskGb,
          rosterGroup: input.rosterGroup ?? null,
          timeZone: input.timeZone,
          endsAt: input.endsAt,
          idleStop: input.idleStop ?? null,
        },
        tx,
      );
      const source = input.rosterGroup ? "group" : "csv";
      const seats = await insertSeats(
        roster.map((seat) => ({ cohortId: cohort.id, source, state: seatState(seat), ...seat }) as never),
        tx,
      );
      return { cohort, seats };
    })
    .catch((error: unknown) => {
      if (
        (error as { code?: string }).code === "23505" ||
        (error as { cause?: { code?: string } }).cause?.code === "23505"
      )
        throw conflict(message("errors.cohorts.nameTaken", { name: input.name, slug }));
      throw error;
    });
  await recordAuditEvent({
    actor,
    action: "cohort.create",
    target: { type: "cohort", id: made.cohort.id },
    result: "success",
    detail: {
      name: made.cohort.name,
      slug,
      templateId: template.id,
      projectId: made.cohort.projectId,
      ownership: made.cohort.ownership,
      rosterGroup: made.cohort.rosterGroup,
      seats: made.seats.length,
      invited: made.seats.filter((seat) => seat.state === "waiting").length,
    },
  });
  if (made.seats.some((seat) => seat.state === "queued")) await requestBatch(made.cohort.id);
  await mailInvitations(made.cohort, made.seats);
  return made;
}
