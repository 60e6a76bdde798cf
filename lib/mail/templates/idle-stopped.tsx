import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface IdleStoppedFacts {
  portalName: string;
  vmName: string;
  vmUrl: string;
  minutes: number;
  cpuPercent: number;
  networkKibps: number;
}

export function IdleStopped({ lang, t, ...facts }: IdleStoppedFacts & MailWords) {
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.idleStopped.preview")}
      heading={t("mail.idleStopped.heading", { vm: facts.vmName })}
      action={{ label: t("mail.idleStopped.action"), url: facts.vmUrl }}
      vm={{
        label: t("mail.layout.vmLink", { vm: facts.vmName, portal: facts.portalName }),
        url: facts.vmUrl,
      }}
      reason={t("mail.reasons.owner", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.idleStopped.why", {
          minutes: facts.minutes,
          cpu: facts.cpuPercent,
          network: facts.networkKibps,
        })}
      </Paragraph>
      <Paragraph>{t("mail.idleStopped.kept")}</Paragraph>
    </MailLayout>
  );
}

export function idleStoppedMail(facts: IdleStoppedFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  return renderMail(
    words.t("mail.idleStopped.subject", { vm: facts.vmName }),
    <IdleStopped {...facts} {...words} />,
  );
}
