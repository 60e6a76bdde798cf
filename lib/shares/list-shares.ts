import "server-only";
import { listUnrevokedShares } from "@/db/queries/shares";
import type { ShareRole } from "@/db/schema";
import { displayName } from "@/lib/authz/display-name";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";

export type ShareStatus = "live" | "expired" | "invited";

/** One share as its VM's owner sees it. */
export interface ShareView {
  id: string;
  status: ShareStatus;
  role: ShareRole;
  /** The person's name, or the invited address. */
  label: string;
  userId: string | null;
  username: string | null;
  email: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

/**
 * The VM's shares for whoever may share it: live ones, those that ran out (until revoked or renewed) and
 * invitations nobody has taken up yet.
 */
export async function listVmShares({
  person,
  vmId,
  now = new Date(),
}: {
  person: Person;
  vmId: string;
  now?: Date;
}): Promise<ShareView[]> {
  const vm = await authorizeVm(person, vmId, "share", { now });
  const rows = await listUnrevokedShares({ vmId: vm.id });
  return rows.map(({ share, person: member }) => ({
    id: share.id,
    status: !member
      ? "invited"
      : share.expiresAt && share.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "live",
    role: share.role,
    label: member ? displayName(member) : (share.inviteEmail ?? ""),
    userId: member?.id ?? null,
    username: member?.username ?? null,
    email: member?.email ?? share.inviteEmail,
    expiresAt: share.expiresAt,
    createdAt: share.createdAt,
  }));
}
