import "server-only";
import { Resend } from "resend";
import { claimMailForDelivery, markMailFailed, markMailSent } from "@/db/queries/mail";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";

const MAX_ATTEMPTS = 6;
/** Back-off between attempts: 1, 5, 15, 60, 180 minutes. */
const RETRY_MINUTES = [1, 5, 15, 60, 180];

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends what is due through Resend. Each message carries its id as Resend's idempotency key, so a retry
 * after an answer that got lost cannot send it twice; a failure waits and tries again, then gives up.
 */
export async function deliverPendingMail(now = new Date(), limit = 50): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const config = getConfig();
  if (!config.RESEND_API_KEY) return report;
  const resend = new Resend(config.RESEND_API_KEY);
  const batch = await claimMailForDelivery({ now, limit, holdMs: 10 * 60_000 });
  for (const mail of batch) {
    const attempts = mail.attempts + 1;
    let failure: string | null = null;
    let providerId: string | null = null;
    try {
      const { data, error } = await resend.emails.send(
        {
          from: config.ROOST_MAIL_FROM,
          to: [mail.to],
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
        },
        { idempotencyKey: mail.id },
      );
      if (error) failure = `${error.name}: ${error.message}`;
      providerId = data?.id ?? null;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (!failure) {
      await markMailSent({ id: mail.id, providerId, now: new Date() });
      report.sent++;
      continue;
    }
    const retryMinutes = attempts < MAX_ATTEMPTS ? RETRY_MINUTES[attempts - 1] : undefined;
    await markMailFailed({
      id: mail.id,
      error: failure,
      attempts,
      retryAt: retryMinutes ? new Date(now.getTime() + retryMinutes * 60_000) : null,
    });
    log.warn({ mailId: mail.id, kind: mail.kind, attempts, error: failure }, "could not send an e-mail");
    if (retryMinutes) report.retrying++;
    else report.failed++;
  }
  return report;
}
