import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface SharedFacts {
  portalName: string;
  vmName: string;
  /** Who shared it, as the portal names them. */
  sharedBy: string;
  role: "operator" | "viewer";
  /** When the share stops working; null for no end. */
  until: Date | null;
  /** The VM's page; for an invitation, the sign-in page that leads there. */
  url: string;
  /** Whether the reader has never signed in to the portal. */
  invite: boolean;
}

export function VmShared({ lang, t, format, ...facts }: SharedFacts & MailWords) {
  const { role, sharedBy } = facts;
  // A share ends at the first instant after its last day.
  const date = facts.until && format.dateTime(new Date(facts.until.getTime() - 1), "longDay");
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={
        date
          ? t("mail.vmShared.previewUntil", { sharedBy, role, date })
          : t("mail.vmShared.preview", { sharedBy, role })
      }
      heading={t("mail.vmShared.heading", { sharedBy, vm: facts.vmName })}
      action={{
        label: facts.invite ? t("mail.vmShared.actionInvite") : t("mail.vmShared.actionOpen"),
        url: facts.url,
      }}
      reason={
        facts.invite
          ? t("mail.reasons.sharedInvite", { portal: facts.portalName })
          : t("mail.reasons.sharedMember", { portal: facts.portalName })
      }
    >
      <Paragraph>
        {date ? t("mail.vmShared.roleUntil", { role, date }) : t("mail.vmShared.role", { role })}{" "}
        {role === "operator" ? t("mail.vmShared.operatorCan") : t("mail.vmShared.viewerCan")}
      </Paragraph>
      {facts.invite && <Paragraph>{t("mail.vmShared.invite")}</Paragraph>}
    </MailLayout>
  );
}

export function vmSharedMail(facts: SharedFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.vmShared.subject", { sharedBy: facts.sharedBy, vm: facts.vmName }),
    <VmShared {...facts} {...words} />,
  );
}
