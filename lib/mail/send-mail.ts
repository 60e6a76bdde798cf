import "server-only";
import type { Executor } from "@/db/client";
import { insertMail } from "@/db/queries/mail";
import { getConfig } from "@/lib/config";
import type { RenderedMail } from "./render-mail";

/**
 * Queues a message, once per `dedupeKey`. Without Resend it goes to the outbox only (demo mode); with
 * Resend the delivery job sends it. Returns whether this call queued it.
 */
export async function queueMail(
  mail: {
    dedupeKey: string;
    to: string;
    userId: string | null;
    kind: string;
    message: RenderedMail;
  },
  db?: Executor,
): Promise<boolean> {
  const row = await insertMail(
    {
      dedupeKey: mail.dedupeKey,
      to: mail.to,
      userId: mail.userId,
      kind: mail.kind,
      subject: mail.message.subject,
      html: mail.message.html,
      text: mail.message.text,
      status: getConfig().RESEND_API_KEY ? "pending" : "outbox",
    },
    db,
  );
  return row !== null;
}
