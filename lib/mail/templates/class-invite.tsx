import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface ClassInviteFacts {
  portalName: string;
  cohortName: string;
  /** The teacher, as the portal names them. */
  teacher: string;
  template: string;
  endsAt: Date;
  /** The sign-in page. */
  url: string;
}

/** To an address a class's roster names whose owner never signed in: their VM waits for their first sign-in. */
export function ClassInvite({ lang, t, format, ...facts }: ClassInviteFacts & MailWords) {
  const { teacher, cohortName: cohort } = facts;
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.classInvite.preview")}
      heading={t("mail.classInvite.heading", { cohort })}
      action={{ label: t("mail.classInvite.action"), url: facts.url }}
      reason={t("mail.reasons.classInvite", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.classInvite.added", {
          teacher,
          cohort,
          template: facts.template,
          ends: format.dateTime(facts.endsAt, "longDay"),
        })}
      </Paragraph>
      <Paragraph>{t("mail.classInvite.signIn")}</Paragraph>
    </MailLayout>
  );
}

export function classInviteMail(facts: ClassInviteFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.classInvite.subject", { teacher: facts.teacher, cohort: facts.cohortName }),
    <ClassInvite {...facts} {...words} />,
  );
}
