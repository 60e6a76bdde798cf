import { Mail } from "lucide-react";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { listMail } from "@/db/queries/mail";
import { getCurrentUser } from "@/lib/authz/current-user";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { MailPreview } from "./mail-preview";

export async function generateMetadata() {
  const t = await getTranslations("mailbox");
  return { title: t("title") };
}

export default async function MailPage() {
  const user = await getCurrentUser();
  if (!user) notFound();
  const everyone = can(user.role, "admin:read");
  const [messages, t, format] = await Promise.all([
    listMail(everyone ? {} : { userId: user.id }),
    getTranslations("mailbox"),
    getFormatter(),
  ]);
  const sending = Boolean(getConfig().RESEND_API_KEY);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={`${t(everyone ? "everyone" : "yours")} ${t(sending ? "sending" : "notSending")}`}
      />
      {messages.length === 0 ? (
        <EmptyState icon={Mail} title={t("emptyTitle")}>
          {t("empty")}
        </EmptyState>
      ) : (
        <ul className="grid gap-3" aria-label={t("messages")}>
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg border">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
                  <span className="font-medium">{message.subject}</span>
                  <Badge variant={message.status === "failed" ? "destructive" : "secondary"}>
                    {t(`status.${message.status}`)}
                  </Badge>
                  <span className="ms-auto text-xs text-muted-foreground">
                    {everyone && `${t("to", { to: message.to })} · `}
                    <time dateTime={message.createdAt.toISOString()}>
                      {format.dateTime(message.createdAt, "minute")}
                    </time>
                  </span>
                </summary>
                <div className="grid gap-3 border-t px-4 py-3">
                  {message.lastError && (
                    <p className="text-sm text-destructive">
                      {t("lastError", { attempts: message.attempts, error: message.lastError })}
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
