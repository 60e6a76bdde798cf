import "server-only";
import { findSharePerson, findUnrevokedShare, insertShare, updateShareTerms } from "@/db/queries/shares";
import type { User, VmShare } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { limitInvites } from "@/lib/limits/request-limits";
import { publishUserChange } from "@/lib/live/portal-changes";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { type ShareRequest, shareEnd, shareTarget } from "./share-input";
import { mailShare } from "./share-mail";
import { shareTermsText } from "./share-terms";

export interface SharedVm {
  share: VmShare;
  /** A new share, or new terms for the one the person had. */
  change: "created" | "updated";
  /** Whom it names, as the audit log and the form's message say. */
  recipient: string;
}

const uniqueViolation = (error: unknown): boolean =>
  (error as { code?: string }).code === "23505" ||
  (error as { cause?: { code?: string } }).cause?.code === "23505";

/** Whom a share names: a member of the portal, or an address nobody has signed in with (an invitation). */
async function recipientOf(request: string): Promise<{ user: User } | { email: string }> {
  const target = shareTarget(request);
  const user = await findSharePerson(target);
  if (user) return { user };
  if ("email" in target) return { email: target.email };
  throw invalid(message("errors.shares.unknownUsername", { username: target.username }), "person");
}

/**
 * Shares a VM with a person as operator or viewer, optionally until a date. A person who has a share
 * already (live or run out) gets the new terms instead of a second one.
 */
export async function shareVm({
  person,
  vmId,
  request,
  actor,
  now = new Date(),
}: {
  person: Person;
  vmId: string;
  request: ShareRequest;
  actor: AuditActor;
  now?: Date;
}): Promise<SharedVm> {
  const vm = await authorizeVm(person, vmId, "share", { now });
  if (vm.state === "deleted") throw notFound(message("errors.vm.noSuchVm"));
  const recipient = await recipientOf(request.person);
  const expiresAt = shareEnd(request.until, now);
  if ("user" in recipient) {
    if (recipient.user.id === person.id) throw invalid(message("errors.shares.self"), "person");
    if (recipient.user.id === vm.ownerId)
      throw invalid(message("errors.shares.ownerAlready", { person: displayName(recipient.user) }), "person");
    if (recipient.user.disabled)
      throw invalid(
        message("errors.users.accountDisabled", { person: displayName(recipient.user) }),
        "person",
      );
  }
  const whom = "user" in recipient ? { userId: recipient.user.id } : { inviteEmail: recipient.email };
  const label = "user" in recipient ? displayName(recipient.user) : recipient.email;
  const terms = { role: request.role, expiresAt };

  const existing = await findUnrevokedShare({ vmId: vm.id, ...whom });
  if (!existing && "email" in recipient) await limitInvites(person.id, now);
  let share: VmShare | null;
  if (existing) share = await updateShareTerms({ id: existing.id, ...terms });
  else {
    try {
      share = await insertShare({
        vmId: vm.id,
        userId: whom.userId ?? null,
        inviteEmail: whom.inviteEmail ?? null,
        ...terms,
        createdById: person.id,
      });
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      share = null;
    }
  }
  if (!share) throw conflict(message("errors.shares.changed", { label }));

  const change = existing ? "updated" : "created";
  await recordVmEvent({
    vmId: vm.id,
    kind: "shared",
    message:
      change === "created"
        ? `${"user" in recipient ? "Shared with" : "Invited"} ${label} ${shareTermsText(share)}`
        : `Share with ${label} changed: ${shareTermsText(share)}`,
    actor,
    detail: { shareId: share.id, role: share.role, expiresAt: share.expiresAt?.toISOString() ?? null },
  });
  await mailShare({
    share,
    vm,
    to:
      "user" in recipient
        ? { userId: recipient.user.id, email: recipient.user.email }
        : { userId: null, email: recipient.email },
    sharedBy: actor.label,
  });
  // Their open pages gain the VM now rather than at the stream's next check.
  if (share.userId) await publishUserChange(share.userId);
  return { share, change, recipient: label };
}

/** What the audit log keeps of a share, the same from the page and the API. */
export function shareAuditDetail({ share, change, recipient }: SharedVm): Record<string, unknown> {
  return {
    shareId: share.id,
    recipient,
    ...(share.userId ? { userId: share.userId } : { invite: share.inviteEmail }),
    role: share.role,
    expiresAt: share.expiresAt?.toISOString() ?? null,
    change,
  };
}
