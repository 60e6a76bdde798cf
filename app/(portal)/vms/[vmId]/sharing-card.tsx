import { getFormatter } from "next-intl/server";
import { allows, type Person, vmAccess } from "@/lib/authz/vm-access";
import { listVmShares } from "@/lib/shares/list-shares";
import { type ShareItem, SharingPanel } from "./sharing-panel";

/** The "Sharing" card: only for someone who may share this VM, listing its shares and inviting more. */
export async function SharingCard({ vmId, person }: { vmId: string; person: Person }) {
  if (!allows(await vmAccess(person, vmId), "share")) return null;
  const shares = await listVmShares({ person, vmId });
  const format = await getFormatter();
  const items: ShareItem[] = shares.map((share) => ({
    id: share.id,
    label: share.label,
    detail: share.username && share.email ? `${share.username} · ${share.email}` : (share.email ?? ""),
    role: share.role,
    status: share.status,
    // A share ends at the first instant after its last day.
    through: share.expiresAt ? format.dateTime(new Date(share.expiresAt.getTime() - 1), "longDay") : null,
  }));
  return <SharingPanel vmId={vmId} shares={items} />;
}
