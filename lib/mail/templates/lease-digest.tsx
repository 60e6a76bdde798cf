import { formatLongDay } from "@/lib/format";
import { type RenderedMail, renderMail } from "../render-mail";
import { MailLayout, Paragraph } from "./mail-layout";

export interface DigestLine {
  vmName: string;
  owner: string;
  at: Date;
}

export interface DigestFacts {
  portalName: string;
  date: Date;
  dryRun: boolean;
  /** In a dry run, what the sweep would have done. */
  planned: string[];
  stopped: DigestLine[];
  deleted: DigestLine[];
  upcoming: DigestLine[];
  dashboardUrl: string;
}

function DigestSection({ title, items, verb }: { title: string; items: DigestLine[]; verb: string }) {
  if (items.length === 0) return <Paragraph>{title}: none.</Paragraph>;
  return (
    <>
      <Paragraph>
        {title} ({items.length}):
      </Paragraph>
      <ul>
        {items.map((item) => (
          <li key={`${item.vmName}:${item.owner}:${item.at.getTime()}`}>
            {item.vmName} ({item.owner}), {verb} {formatLongDay(item.at)}
          </li>
        ))}
      </ul>
    </>
  );
}

export function LeaseDigest(facts: DigestFacts) {
  return (
    <MailLayout
      portalName={facts.portalName}
      preview={`${facts.stopped.length} stopped, ${facts.deleted.length} deleted, ${facts.upcoming.length} ending this week.`}
      heading={`Leases on ${formatLongDay(facts.date)}`}
      action={{ label: "Open the admin overview", url: facts.dashboardUrl }}
      reason="You get this as a lease digest recipient"
    >
      {facts.dryRun && (
        <>
          <Paragraph>Dry run: the sweep stopped and deleted nothing.</Paragraph>
          {facts.planned.length > 0 ? (
            <>
              <Paragraph>It would have:</Paragraph>
              <ul>
                {facts.planned.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>It would have done nothing.</Paragraph>
          )}
        </>
      )}
      <DigestSection title="Stopped at the end of their lease" items={facts.stopped} verb="on" />
      <DigestSection title="Deleted after the grace period" items={facts.deleted} verb="on" />
      <DigestSection title="Leases ending in the next 7 days" items={facts.upcoming} verb="ends" />
    </MailLayout>
  );
}

export function digestMail(facts: DigestFacts): Promise<RenderedMail> {
  return renderMail(
    `${facts.portalName} leases: ${facts.stopped.length} stopped, ${facts.deleted.length} deleted (${formatLongDay(facts.date)})`,
    <LeaseDigest {...facts} />,
  );
}
