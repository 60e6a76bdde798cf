import { byAnyKey, renderMessage } from "@/lib/i18n/message";
import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";
import { type MailWords, mailWords } from "./mail-words";

export interface DigestLine {
  vmName: string;
  owner: string;
  at: Date;
}

export interface DigestFacts {
  portalName: string;
  date: Date;
  dryRun: boolean;
  /** In a dry run, what the sweep would have done (text or catalog tokens). */
  planned: string[];
  stopped: DigestLine[];
  deleted: DigestLine[];
  upcoming: DigestLine[];
  dashboardUrl: string;
}

type Section = "stopped" | "deleted" | "upcoming";

function DigestSection({ section, items, t, format }: { section: Section; items: DigestLine[] } & MailWords) {
  if (items.length === 0) return <Paragraph>{t(`mail.leaseDigest.${section}.none`)}</Paragraph>;
  return (
    <>
      <Paragraph>{t(`mail.leaseDigest.${section}.title`, { count: items.length })}</Paragraph>
      <ul>
        {items.map((item) => (
          <li key={`${item.vmName}:${item.owner}:${item.at.getTime()}`}>
            {t(`mail.leaseDigest.${section}.line`, {
              vm: item.vmName,
              owner: item.owner,
              date: format.dateTime(item.at, "longDay"),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

export function LeaseDigest({ lang, t, format, ...facts }: DigestFacts & MailWords) {
  const words = { lang, t, format };
  return (
    <MailLayout
      lang={lang}
      t={t}
      portalName={facts.portalName}
      preview={t("mail.leaseDigest.preview", {
        stopped: facts.stopped.length,
        deleted: facts.deleted.length,
        upcoming: facts.upcoming.length,
      })}
      heading={t("mail.leaseDigest.heading", { date: format.dateTime(facts.date, "longDay") })}
      action={{ label: t("mail.leaseDigest.action"), url: facts.dashboardUrl }}
      reason={t("mail.reasons.digest", { portal: facts.portalName })}
    >
      {facts.dryRun && (
        <>
          <Paragraph>{t("mail.leaseDigest.dryRun")}</Paragraph>
          {facts.planned.length > 0 ? (
            <>
              <Paragraph>{t("mail.leaseDigest.wouldHave")}</Paragraph>
              <ul>
                {facts.planned.map((line) => (
                  <li key={line}>{renderMessage(line, byAnyKey(t))}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>{t("mail.leaseDigest.wouldHaveNothing")}</Paragraph>
          )}
        </>
      )}
      <DigestSection section="stopped" items={facts.stopped} {...words} />
      <DigestSection section="deleted" items={facts.deleted} {...words} />
      <DigestSection section="upcoming" items={facts.upcoming} {...words} />
    </MailLayout>
  );
}

export function digestMail(facts: DigestFacts, reader: MailLocale): Promise<RenderedMail> {
  const words = mailWords(reader);
  const subject = words.t("mail.leaseDigest.subject", {
    portal: facts.portalName,
    stopped: facts.stopped.length,
    deleted: facts.deleted.length,
    date: words.format.dateTime(facts.date, "longDay"),
  });
  return renderMail(subject, <LeaseDigest {...facts} {...words} />);
}
