import "server-only";
import { getDb } from "@/db/client";
import { bindInvite, findUnrevokedShare, lockInvitesFor, revokeShareRow } from "@/db/queries/shares";
import type { VmShare } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import { recordVmEvent } from "@/lib/vms/vm-timeline";

/** What the identity provider says about the address of the person signing in. */
export interface SignInEmail {
  email?: unknown;
  email_verified?: unknown;
}

/**
 * At sign-in, hands the invitations waiting for the person's address to them. Only an address the
 * identity provider has verified counts: anyone could otherwise claim a VM shared with someone else's.
 * An invitation to a VM the person was since shared by username yields to that share.
 */
export async function bindShareInvites(
  user: { id: string; name?: string | null },
  claims: SignInEmail,
  now: Date = new Date(),
): Promise<VmShare[]> {
  if (claims.email_verified !== true || typeof claims.email !== "string") return [];
  const email = claims.email.trim().toLowerCase();
  const { bound, superseded } = await getDb().transaction(async (tx) => {
    const bound: VmShare[] = [];
    const superseded: VmShare[] = [];
    for (const invite of await lockInvitesFor({ email }, tx)) {
      const held = await findUnrevokedShare({ vmId: invite.vmId, userId: user.id }, tx);
      if (held) {
        const revoked = await revokeShareRow({ vmId: invite.vmId, id: invite.id, now }, tx);
        if (revoked) superseded.push(revoked);
        continue;
      }
      const share = await bindInvite({ id: invite.id, userId: user.id }, tx);
      if (share) bound.push(share);
    }
    return { bound, superseded };
  });
  const actor: AuditActor = { id: user.id, label: user.name ?? email };
  for (const share of bound) {
    await recordVmEvent({
      vmId: share.vmId,
      kind: "shared",
      message: message("timeline.inviteTaken", { person: actor.label, email }),
      actor,
      detail: { shareId: share.id, email },
    });
    await recordAuditEvent({
      actor,
      action: "vm.share",
      target: { type: "vm", id: share.vmId },
      result: "success",
      detail: { shareId: share.id, invite: email, boundTo: user.id, role: share.role },
    });
  }
  for (const share of superseded)
    await recordVmEvent({
      vmId: share.vmId,
      kind: "unshared",
      message: message("timeline.inviteWithdrawn", { person: actor.label, email }),
      actor,
      detail: { shareId: share.id, email },
    });
  return bound;
}
