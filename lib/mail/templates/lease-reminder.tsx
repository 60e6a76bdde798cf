import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { BackupsLine } from "./backups-line";
import { type LeaseMailFacts, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface ReminderFacts extends LeaseMailFacts {
  daysLeft: number;
  renewUrl: string;
  /** Days the VM's CPU has stayed idle, when it has. */
  idleDays: number | null;
  /** Days a deleted VM's backups are kept (the `backup.lifecycle` setting). */
  backupKeepDays: number;
}

export function LeaseReminder({ lang, t, format, ...facts }: ReminderFacts & MailWords) {
  const date = format.dateTime(facts.expiresAt, "longDay");
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.leaseReminder.preview", { date })}
      heading={t("mail.leaseReminder.heading", { vm: facts.vmName, days: facts.daysLeft })}
      action={{ label: t("mail.leaseReminder.action"), url: facts.renewUrl }}
      vm={vmLink(facts, t)}
      reason={t("mail.reasons.owner", { portal: facts.portalName })}
    >
      <Paragraph>{t("mail.leaseReminder.ends", { date, graceDays: facts.graceDays })}</Paragraph>
      {facts.idleDays ? (
        <Paragraph>{t("mail.leaseReminder.idle", { days: facts.idleDays })}</Paragraph>
      ) : null}
      <BackupsLine keepDays={facts.backupKeepDays} t={t} />
      <Paragraph>{t("mail.leaseReminder.choice")}</Paragraph>
    </MailLayout>
  );
}

export function reminderMail(facts: ReminderFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  const subject = words.t("mail.leaseReminder.subject", { vm: facts.vmName, days: facts.daysLeft });
  return renderMail(subject, <LeaseReminder {...facts} {...words} />);
}
