import { Mail } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { listMail } from "@/db/queries/mail";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { MailPreview } from "./mail-preview";

export const metadata: Metadata = { title: "Mail" };

const statusText = {
  outbox: "kept in the outbox",
  pending: "waiting to be sent",
  sending: "sending",
  sent: "sent",
  failed: "could not be sent",
} as const;

export default async function MailPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const everyone = can(user.role, "admin:read");
  const messages = await listMail(everyone ? {} : { userId: user.id });
  const sending = Boolean(getConfig().RESEND_API_KEY);
  return (
    <>
      <PageHeader
        title="Mail"
        description={[
          everyone
            ? "Every message the portal wrote, newest first."
            : "The messages the portal wrote to you.",
          sending
            ? "They are sent by e-mail."
            : "E-mail is not configured, so they are kept here and not sent.",
        ].join(" ")}
      />
      {messages.length === 0 ? (
        <EmptyState icon={Mail} title="No mail yet">
          Lease reminders and notices about your VMs will appear here.
        </EmptyState>
      ) : (
        <ul className="grid gap-3" aria-label="Messages">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                  <span className="font-medium">{message.subject}</span>
                  <Badge variant={message.status === "failed" ? "destructive" : "secondary"}>
                    {statusText[message.status]}
                  </Badge>
                  <span className="ml-auto text-xs text-muted-foreground">
                    {everyone && `to ${message.to} · `}
                    <Time at={message.createdAt} /> UTC
                  </span>
                </summary>
                <div className="grid gap-3 border-t px-4 py-3">
                  {message.lastError && (
                    <p className="text-sm text-destructive">
                      Last attempt ({message.attempts}) failed: {message.lastError}
                    </p>
                  )}
                  <MailPreview
                    id={message.id}
                    subject={message.subject}
                    html={message.html}
                    text={message.text}
                  />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
