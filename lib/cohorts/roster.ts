import "server-only";
import { getDb } from "@/db/client";
import { findRosterPeople, insertSeats, listSeats, type SeatInsert, updateSeat } from "@/db/queries/cohorts";
import { getVmById, updateVm } from "@/db/queries/vms";
import type { Cohort, CohortSeat } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, DomainError, notFound } from "@/lib/errors";
import { message, messageList } from "@/lib/i18n/message";
import { enqueue } from "@/lib/jobs/enqueue";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { cohortManagedBy } from "./cohort-access";
import { mailInvitations } from "./invite-students";
import { cohortProvisionRequested } from "./provision-events";
import { parseRosterCsv, type RosterEntry } from "./roster-csv";

export type RosterSeat = { userId: string; inviteEmail?: null } | { userId?: null; inviteEmail: string };

/**
 * The seats a CSV's lines stand for: a username someone signs in with, or an e-mail (a person who never
 * signed in is invited: their seat waits). A username nobody has is refused with its line number.
 */
export async function seatsFromRoster(entries: RosterEntry[]): Promise<RosterSeat[]> {
  const people = await findRosterPeople({
    usernames: entries.flatMap((entry) => ("username" in entry ? [entry.username] : [])),
    emails: entries.flatMap((entry) => ("email" in entry ? [entry.email] : [])),
  });
  const problems: string[] = [];
  const seats = new Map<string, RosterSeat>();
  for (const entry of entries) {
    if ("username" in entry) {
      const user = people.find((person) => person.username === entry.username);
      if (!user) {
        problems.push(
          message("errors.cohorts.roster.unknownUsername", { line: entry.line, username: entry.username }),
        );
        continue;
      }
      seats.set(user.id, { userId: user.id });
    } else {
      const user = people.find((person) => person.email?.toLowerCase() === entry.email);
      if (user) seats.set(user.id, { userId: user.id });
      else seats.set(entry.email, { inviteEmail: entry.email });
    }
  }
  if (problems.length > 0)
    throw new DomainError(
      "invalid",
      message("errors.cohorts.rosterMistakes", { problems: messageList(problems.slice(0, 20)) }),
      {
        fieldErrors: { roster: problems },
      },
    );
  return [...seats.values()];
}

export const seatState = (seat: RosterSeat): "queued" | "waiting" => (seat.userId ? "queued" : "waiting");

export async function requestBatch(cohortId: string): Promise<void> {
  await enqueue(cohortProvisionRequested, { cohortId });
}

/** Seats for people a roster names; a removed seat of the same person is taken up again. */
export async function seatRoster(cohort: Cohort, roster: RosterSeat[], source: "group" | "csv") {
  const existing = await listSeats({ cohortId: cohort.id });
  const fresh: SeatInsert[] = [];
  const reopened: CohortSeat[] = [];
  for (const seat of roster) {
    const held = existing.find(({ seat: row }) =>
      seat.userId ? row.userId === seat.userId : row.inviteEmail === seat.inviteEmail,
    );
    if (!held) {
      fresh.push({ cohortId: cohort.id, source, state: seatState(seat), ...seat } as SeatInsert);
      continue;
    }
    if (held.seat.state !== "removed") continue;
    const back = await updateSeat({
      id: held.seat.id,
      state: seatState(seat),
      vmId: null,
      error: null,
      attempts: 0,
      removedAt: null,
      source,
    });
    if (back) reopened.push(back);
  }
  const added = [...(await insertSeats(fresh)), ...reopened];
  if (added.some((seat) => seat.state === "queued")) await requestBatch(cohort.id);
  await mailInvitations(cohort, added);
  return added;
}

/** Removes a student: their seat is "removed" and their VM's lease ends now, so the lease rules stop it and delete it after the grace. */
export async function vacateSeat(seat: CohortSeat, actor: AuditActor, now = new Date()): Promise<CohortSeat> {
  const removed = await getDb().transaction(async (tx) => {
    const row = await updateSeat({ id: seat.id, state: "removed", removedAt: now }, tx);
    if (seat.vmId) await updateVm({ id: seat.vmId, leaseExpiresAt: now }, tx);
    return row!;
  });
  const vm = seat.vmId ? await getVmById({ id: seat.vmId }) : null;
  if (vm && vm.state !== "deleted")
    await recordVmEvent({
      vmId: vm.id,
      kind: "lease",
      message: message("timeline.studentLeft"),
      actor,
    });
  return removed;
}

/** Adds students from a CSV to a class; answers the seats made (or taken up again). */
export async function addStudents(person: Person, cohortId: string, csv: string, actor: AuditActor) {
  const cohort = await cohortManagedBy(person, cohortId);
  if (cohort.endedAt) throw conflict(message("errors.cohorts.ended"));
  const added = await seatRoster(cohort, await seatsFromRoster(parseRosterCsv(csv)), "csv");
  await recordAuditEvent({
    actor,
    action: "cohort.roster_add",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: { added: added.length },
  });
  return added;
}

export async function removeStudent(
  person: Person,
  cohortId: string,
  seatId: string,
  actor: AuditActor,
  now = new Date(),
) {
  const cohort = await cohortManagedBy(person, cohortId);
  const seat = (await listSeats({ cohortId: cohort.id })).find((row) => row.seat.id === seatId)?.seat;
  if (!seat || seat.state === "removed") throw notFound(message("errors.cohorts.noSuchStudent"));
  const removed = await vacateSeat(seat, actor, now);
  await recordAuditEvent({
    actor,
    action: "cohort.roster_remove",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: { seatId, userId: seat.userId, inviteEmail: seat.inviteEmail, vmId: seat.vmId },
  });
  return removed;
}

/**
 * A new CSV for a CSV class: people it names who have no seat get one; CSV seats of people it no
 * longer names are removed. Students from elsewhere are left alone.
 */
export async function replaceCsvRoster(
  person: Person,
  cohortId: string,
  csv: string,
  actor: AuditActor,
  now = new Date(),
) {
  const cohort = await cohortManagedBy(person, cohortId);
  if (cohort.rosterGroup) throw conflict(message("errors.cohorts.rosterFromGroup"));
  if (cohort.endedAt) throw conflict(message("errors.cohorts.ended"));
  const roster = await seatsFromRoster(parseRosterCsv(csv));
  const named = new Set(roster.map((seat) => seat.userId ?? seat.inviteEmail));
  const removed: CohortSeat[] = [];
  for (const { seat } of await listSeats({ cohortId: cohort.id })) {
    if (seat.source !== "csv" || seat.state === "removed") continue;
    if (named.has(seat.userId ?? seat.inviteEmail ?? "")) continue;
    removed.push(await vacateSeat(seat, actor, now));
  }
  const added = await seatRoster(cohort, roster, "csv");
  await recordAuditEvent({
    actor,
    action: "cohort.roster_replace",
    target: { type: "cohort", id: cohort.id },
    result: "success",
    detail: { added: added.length, removed: removed.length },
  });
  return { added, removed };
}
