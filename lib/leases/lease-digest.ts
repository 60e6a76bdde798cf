import "server-only";
import { claimLeaseNotice, listLeaseNoticesSince, listLeasesEndingBetween } from "@/db/queries/leases";
import { getConfig } from "@/lib/config";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { queueMail } from "@/lib/mail/send-mail";
import { digestMail } from "@/lib/mail/templates/lease-digest";
import { DAY } from "./lease-dates";

/**
 * The daily digest for admins: what the sweeps stopped and deleted in the last day, and what ends in the
 * next week. Sent by the first sweep of each UTC day, once (the ledger holds the day's key).
 */
export async function sendLeaseDigest({
  now,
  to,
  dryRun,
  planned,
  portalName,
}: {
  now: Date;
  to: string[];
  dryRun: boolean;
  planned: string[];
  portalName: string;
}): Promise<boolean> {
  const date = now.toISOString().slice(0, 10);
  const key = `digest:${date}`;
  if (!(await claimLeaseNotice({ key, vmId: null, at: now }))) return false;
  const since = new Date(now.getTime() - DAY);
  const [stopped, deleted, upcoming] = await Promise.all([
    listLeaseNoticesSince({ kind: "stopped", since }),
    listLeaseNoticesSince({ kind: "deleted", since }),
    listLeasesEndingBetween({ from: now, to: new Date(now.getTime() + 7 * DAY) }),
  ]);
  // Digest addresses are no one's in particular: the portal's language.
  const message = await digestMail(
    {
      portalName,
      date: now,
      dryRun,
      planned,
      stopped,
      deleted,
      upcoming,
      dashboardUrl: `${getConfig().publicUrl}/admin`,
    },
    await recipientLocale(null),
  );
  for (const address of to) {
    await queueMail({
      dedupeKey: `${key}:${address}`,
      to: address,
      userId: null,
      kind: "lease-digest",
      message,
    });
  }
  return true;
}
