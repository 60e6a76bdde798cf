import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { BackupsLine } from "./backups-line";
import { type LeaseMailFacts, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface StoppedFacts extends LeaseMailFacts {
  deleteAt: Date;
  renewUrl: string;
  /** Days a deleted VM's backups are kept (the `backup.lifecycle` setting). */
  backupKeepDays: number;
}

export function LeaseStopped({ lang, t, format, ...facts }: StoppedFacts & MailWords) {
  const deleteAt = format.dateTime(facts.deleteAt, "longDay");
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.leaseStopped.preview", { date: deleteAt })}
      heading={t("mail.leaseStopped.heading", { vm: facts.vmName })}
      action={{ label: t("mail.leaseStopped.action"), url: facts.renewUrl }}
      vm={vmLink(facts, t)}
      reason={t("mail.reasons.owner", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.leaseStopped.ended", { date: format.dateTime(facts.expiresAt, "longDay") })}
      </Paragraph>
      <Paragraph>{t("mail.leaseStopped.deleteAt", { date: deleteAt })}</Paragraph>
      <BackupsLine keepDays={facts.backupKeepDays} t={t} />
    </MailLayout>
  );
}

export function stoppedMail(facts: StoppedFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.leaseStopped.subject", { vm: facts.vmName }),
    <LeaseStopped {...facts} {...words} />,
  );
}
