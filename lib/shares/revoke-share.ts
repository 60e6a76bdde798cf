import "server-only";
import { revokeShareRow } from "@/db/queries/shares";
import { getUserById } from "@/db/queries/users";
import type { VmShare } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { publishUserChange } from "@/lib/live/portal-changes";
import { recordVmEvent } from "@/lib/vms/vm-timeline";

/** Ends a share (or withdraws an invitation) at once; the person's next request is refused. */
export async function revokeShare({
  person,
  vmId,
  shareId,
  actor,
  now = new Date(),
}: {
  person: Person;
  vmId: string;
  shareId: string;
  actor: AuditActor;
  now?: Date;
}): Promise<{ share: VmShare; recipient: string }> {
  const vm = await authorizeVm(person, vmId, "share", { now });
  if (!/^[0-9a-f-]{36}$/i.test(shareId)) throw notFound(message("errors.shares.noSuchShare"));
  const share = await revokeShareRow({ vmId: vm.id, id: shareId, now });
  if (!share) throw notFound(message("errors.shares.noSuchShare"));
  const user = share.userId ? await getUserById({ id: share.userId }) : null;
  const recipient = user ? displayName(user) : (share.inviteEmail ?? "someone");
  await recordVmEvent({
    vmId: vm.id,
    kind: "unshared",
    message: user ? `Share with ${recipient} revoked` : `Invitation of ${recipient} withdrawn`,
    actor,
    detail: { shareId: share.id },
  });
  if (share.userId) await publishUserChange(share.userId);
  return { share, recipient };
}
