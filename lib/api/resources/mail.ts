import { z } from "zod";
import type { MailMessage } from "@/db/schema";

export const mailIdParams = z.object({
  mailId: z
    .uuid("A message id is a UUID.")
    .meta({ description: "The message's id, as `GET /mail` gives it." }),
});

const mailSummaryShape = {
  id: z.uuid(),
  kind: z
    .string()
    .meta({ description: "What the message is about, such as `lease-reminder` or `lease-stopped`." }),
  to: z.string(),
  subject: z.string(),
  status: z.enum(["outbox", "pending", "sending", "sent", "failed"]).meta({
    description:
      "`outbox`: e-mail is not configured, so it is only kept here; otherwise where its delivery is.",
  }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
};

/** A message the portal wrote to the caller, without its body. */
export const mailSummaryResource = z.object(mailSummaryShape).meta({ id: "MailSummary" });

/** A message with both bodies, as it was (or would be) sent. */
export const mailResource = z
  .object({
    ...mailSummaryShape,
    html: z.string(),
    text: z.string(),
  })
  .meta({ id: "Mail" });

export function mailSummaryOf(mail: MailMessage): z.infer<typeof mailSummaryResource> {
  return {
    id: mail.id,
    kind: mail.kind,
    to: mail.to,
    subject: mail.subject,
    status: mail.status,
    attempts: mail.attempts,
    lastError: mail.lastError,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt?.toISOString() ?? null,
  };
}

export function mailResourceOf(mail: MailMessage): z.infer<typeof mailResource> {
  return { ...mailSummaryOf(mail), html: mail.html, text: mail.text };
}
