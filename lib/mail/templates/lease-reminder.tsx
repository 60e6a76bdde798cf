import { formatLongDay } from "@/lib/format";
import { type RenderedMail, renderMail } from "../render-mail";
import { type LeaseMailFacts, ownerReason, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";

export interface ReminderFacts extends LeaseMailFacts {
  daysLeft: number;
  renewUrl: string;
  /** Days the VM's CPU has stayed idle, when it has. */
  idleDays: number | null;
}

const whenOf = (daysLeft: number) => (daysLeft === 1 ? "tomorrow" : `in ${daysLeft} days`);

export function LeaseReminder(facts: ReminderFacts) {
  const when = whenOf(facts.daysLeft);
  return (
    <MailLayout
      portalName={facts.portalName}
      preview={`Renew it before ${formatLongDay(facts.expiresAt)} if you still need it.`}
      heading={`Your VM ${facts.vmName} expires ${when}`}
      action={{ label: "Renew the lease", url: facts.renewUrl }}
      vm={vmLink(facts)}
      reason={ownerReason}
    >
      <Paragraph>
        Its lease ends on {formatLongDay(facts.expiresAt)}. Then it is stopped, and {facts.graceDays} days
        later deleted with its disks, unless you renew it.
      </Paragraph>
      {facts.idleDays ? (
        <Paragraph>
          It has been idle for {facts.idleDays} days (its processor barely used), so you may not need it any
          more.
        </Paragraph>
      ) : null}
      <Paragraph>
        If you still need it, renew the lease. If not, do nothing and it goes away on its own.
      </Paragraph>
    </MailLayout>
  );
}

export function reminderMail(facts: ReminderFacts): Promise<RenderedMail> {
  return renderMail(`${facts.vmName} expires ${whenOf(facts.daysLeft)}`, <LeaseReminder {...facts} />);
}
