import "server-only";
import { getDb } from "@/db/client";
import { findSeat, listGroupCohorts, lockWaitingSeatsFor, updateSeat } from "@/db/queries/cohorts";
import type { CohortSeat } from "@/db/schema";
import { type AuditActor, recordAuditEvent, systemActor } from "@/lib/audit/record-audit-event";
import type { SignInEmail } from "@/lib/shares/bind-share-invites";
import { requestBatch, seatRoster, vacateSeat } from "./roster";

/**
 * At each sign-in: seats waiting for the person's verified address become theirs and are queued; in
 * each class bound to a group, someone in it gets a seat (and so a VM) and someone who left it loses
 * theirs as any removed student does. Only an address the identity provider verified binds an invitation.
 */
export async function syncCohortSeats(
  user: { id: string; groups: string[]; label?: string },
  claims: SignInEmail,
  now: Date = new Date(),
): Promise<{ bound: CohortSeat[]; joined: string[]; left: string[] }> {
  const bound = await bindWaitingSeats(user.id, claims);
  for (const cohortId of new Set(
    bound.filter((seat) => seat.state === "queued").map((seat) => seat.cohortId),
  ))
    await requestBatch(cohortId);

  const actor: AuditActor = { ...systemActor, label: "group sync" };
  const groups = new Set(user.groups);
  const joined: string[] = [];
  const left: string[] = [];
  for (const cohort of await listGroupCohorts()) {
    const seat = await findSeat({ cohortId: cohort.id, userId: user.id });
    if (groups.has(cohort.rosterGroup!)) {
      if (seat && seat.state !== "removed") continue;
      if ((await seatRoster(cohort, [{ userId: user.id }], "group")).length > 0) joined.push(cohort.id);
    } else if (seat && seat.source === "group" && seat.state !== "removed") {
      await vacateSeat(seat, actor, now);
      left.push(cohort.id);
    }
  }
  for (const [cohortIds, change] of [
    [joined, "joined"],
    [left, "left"],
  ] as const)
    for (const cohortId of cohortIds)
      await recordAuditEvent({
        actor,
        action: "cohort.group_sync",
        target: { type: "cohort", id: cohortId },
        result: "success",
        detail: { userId: user.id, change, label: user.label },
      });
  return { bound, joined, left };
}

async function bindWaitingSeats(userId: string, claims: SignInEmail): Promise<CohortSeat[]> {
  if (claims.email_verified !== true || typeof claims.email !== "string") return [];
  const email = claims.email.trim().toLowerCase();
  return getDb().transaction(async (tx) => {
    const bound: CohortSeat[] = [];
    for (const invite of await lockWaitingSeatsFor({ email }, tx)) {
      // Named twice (by username and by address): the seat they hold already is theirs.
      const held = await findSeat({ cohortId: invite.cohortId, userId }, tx);
      const seat = held
        ? await updateSeat({ id: invite.id, state: "removed", removedAt: new Date() }, tx)
        : await updateSeat(
            { id: invite.id, userId, state: invite.state === "waiting" ? "queued" : invite.state },
            tx,
          );
      if (seat && !held) bound.push(seat);
    }
    return bound;
  });
}
