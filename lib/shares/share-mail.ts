import "server-only";
import type { VmShare } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { queueMail } from "@/lib/mail/send-mail";
import { vmSharedMail } from "@/lib/mail/templates/vm-shared";
import { getSetting } from "@/lib/settings/settings";

/**
 * Tells the person a VM was shared with them: a member gets the VM's page, an invited address the sign-in
 * page that leads there. Once per share and terms, so a changed role or end is told again.
 */
export async function mailShare({
  share,
  vm,
  to,
  sharedBy,
}: {
  share: VmShare;
  vm: { id: string; name: string };
  to: { userId: string | null; email: string | null };
  sharedBy: string;
}): Promise<void> {
  if (!to.email) return;
  const { publicUrl } = getConfig();
  const page = `/vms/${vm.id}`;
  const invite = to.userId === null;
  const message = await vmSharedMail(
    {
      portalName: await getSetting("portal.name"),
      vmName: vm.name,
      sharedBy,
      role: share.role,
      until: share.expiresAt,
      url: invite ? `${publicUrl}/signin?callbackUrl=${encodeURIComponent(page)}` : `${publicUrl}${page}`,
      invite,
    },
    await recipientLocale(to.userId),
  );
  await queueMail({
    dedupeKey: `vm-share:${share.id}:${share.role}:${share.expiresAt?.toISOString() ?? "open"}`,
    to: to.email,
    userId: to.userId,
    kind: invite ? "share-invite" : "vm-shared",
    message,
  });
}
