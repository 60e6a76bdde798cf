import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { type LeaseMailFacts, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export function LeaseDeleted({ lang, t, format, ...facts }: LeaseMailFacts & MailWords) {
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.leaseDeleted.preview")}
      heading={t("mail.leaseDeleted.heading", { vm: facts.vmName })}
      vm={vmLink(facts, t)}
      reason={t("mail.reasons.owner", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.leaseDeleted.ended", {
          date: format.dateTime(facts.expiresAt, "longDay"),
          graceDays: facts.graceDays,
        })}
      </Paragraph>
      <Paragraph>{t("mail.leaseDeleted.record")}</Paragraph>
    </MailLayout>
  );
}

export function deletedMail(facts: LeaseMailFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.leaseDeleted.subject", { vm: facts.vmName }),
    <LeaseDeleted {...facts} {...words} />,
  );
}
