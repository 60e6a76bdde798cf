import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface ApprovalRequestedFacts {
  portalName: string;
  requesterName: string;
  /** What is asked, in a few words (a catalog token): "a VM web-1 (2 cores, 4 GiB memory, 40 GiB disk)". */
  asked: string;
  /** The project whose quota it is asked against; null for the requester's own. */
  projectName: string | null;
  reason: string;
  decideUrl: string;
}

export function ApprovalRequested({ lang, t, ...facts }: ApprovalRequestedFacts & MailWords) {
  const who = { requester: facts.requesterName, asked: facts.asked };
  const project = facts.projectName;
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.approvalRequested.preview", who)}
      heading={
        project === null
          ? t("mail.approvalRequested.headingOwn", who)
          : t("mail.approvalRequested.headingProject", { ...who, project })
      }
      action={{ label: t("mail.approvalRequested.action"), url: facts.decideUrl }}
      reason={t("mail.reasons.approver", { portal: facts.portalName })}
    >
      <Paragraph>
        {project === null
          ? t("mail.approvalRequested.askedOwn", who)
          : t("mail.approvalRequested.askedProject", { ...who, project })}
      </Paragraph>
      <Paragraph>{t("mail.approvalRequested.reason", { reason: facts.reason })}</Paragraph>
    </MailLayout>
  );
}

export function approvalRequestedMail(
  asked: ApprovalRequestedFacts,
  reader: MailLocale,
): Promise<RenderedMail> {
  const words = mailWords(reader);
  // What is asked is a catalog token (lib/approvals/requested-things.ts), said in the reader's language.
  const facts = { ...asked, asked: renderMessage(asked.asked, byAnyKey(words.t)) };
  return renderMail(
    words.t("mail.approvalRequested.subject", { requester: facts.requesterName, asked: facts.asked }),
    <ApprovalRequested {...facts} {...words} />,
  );
}
