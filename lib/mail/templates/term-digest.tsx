import { Text } from "@react-email/components";
import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface TermDigestLine {
  student: string;
  vmName: string | null;
  /** What happened to the student's VM, in a few words (a catalog token). */
  outcome: string;
}

export interface TermDigestFacts {
  portalName: string;
  cohortName: string;
  endsAt: Date;
  deleteAt: Date;
  lines: TermDigestLine[];
  cohortUrl: string;
}

export function TermDigest({ lang, t, format, ...facts }: TermDigestFacts & MailWords) {
  const deleteAt = format.dateTime(facts.deleteAt, "longDay");
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.termDigest.preview", { count: facts.lines.length, date: deleteAt })}
      heading={t("mail.termDigest.heading", { cohort: facts.cohortName })}
      action={{ label: t("mail.termDigest.action"), url: facts.cohortUrl }}
      reason={t("mail.reasons.teacher", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.termDigest.ended", { ends: format.dateTime(facts.endsAt, "longDay"), deleteAt })}
      </Paragraph>
      {facts.lines.map((line) => {
        const outcome = renderMessage(line.outcome, byAnyKey(t));
        return (
          <Text key={`${line.student}:${line.vmName}`} style={{ fontSize: "14px", margin: "2px 0" }}>
            {line.vmName === null
              ? t("mail.termDigest.lineNoVm", { student: line.student, outcome })
              : t("mail.termDigest.line", { student: line.student, vm: line.vmName, outcome })}
          </Text>
        );
      })}
    </MailLayout>
  );
}

export function termDigestMail(facts: TermDigestFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.termDigest.subject", { cohort: facts.cohortName }),
    <TermDigest {...facts} {...words} />,
  );
}
