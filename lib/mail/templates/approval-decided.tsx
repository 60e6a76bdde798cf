import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface ApprovalDecidedFacts {
  portalName: string;
  asked: string;
  verdict: "approved" | "denied";
  deciderName: string;
  comment: string;
  requestsUrl: string;
  /** The VM an approved VM request made. */
  vm?: { name: string; url: string };
}

export function ApprovalDecided({ lang, t, ...facts }: ApprovalDecidedFacts & MailWords) {
  const { verdict, asked } = facts;
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={
        verdict === "approved"
          ? t("mail.approvalDecided.previewApproved", { asked })
          : t("mail.approvalDecided.previewDenied", { decider: facts.deciderName })
      }
      heading={t("mail.approvalDecided.heading", { verdict })}
      action={{
        label: facts.vm ? t("mail.approvalDecided.actionPassword") : t("mail.approvalDecided.actionRequests"),
        url: facts.requestsUrl,
      }}
      vm={
        facts.vm && {
          label: t("mail.layout.vmLink", { vm: facts.vm.name, portal: facts.portalName }),
          url: facts.vm.url,
        }
      }
      reason={t("mail.reasons.requester", { portal: facts.portalName })}
    >
      <Paragraph>
        {t("mail.approvalDecided.decided", { decider: facts.deciderName, verdict, asked })}
      </Paragraph>
      {facts.comment && (
        <Paragraph>{t("mail.approvalDecided.comment", { comment: facts.comment })}</Paragraph>
      )}
      {facts.vm && <Paragraph>{t("mail.approvalDecided.vmMade", { vm: facts.vm.name })}</Paragraph>}
    </MailLayout>
  );
}

export function approvalDecidedMail(asked: ApprovalDecidedFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  // What was asked is a catalog token (lib/approvals/requested-things.ts), said in the reader's language.
  const facts = { ...asked, asked: renderMessage(asked.asked, byAnyKey(words.t)) };
  return renderMail(
    words.t("mail.approvalDecided.subject", { verdict: facts.verdict, asked: facts.asked }),
    <ApprovalDecided {...facts} {...words} />,
  );
}
