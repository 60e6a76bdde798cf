import { formatLongDay } from "@/lib/format";
import { type RenderedMail, renderMail } from "../render-mail";
import { type LeaseMailFacts, ownerReason, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";

export interface StoppedFacts extends LeaseMailFacts {
  deleteAt: Date;
  renewUrl: string;
}

export function LeaseStopped(facts: StoppedFacts) {
  return (
    <MailLayout
      portalName={facts.portalName}
      preview={`It will be deleted on ${formatLongDay(facts.deleteAt)} unless you renew it.`}
      heading={`Your VM ${facts.vmName} was stopped`}
      action={{ label: "Renew the lease", url: facts.renewUrl }}
      vm={vmLink(facts)}
      reason={ownerReason}
    >
      <Paragraph>Its lease ended on {formatLongDay(facts.expiresAt)}, so it was shut down.</Paragraph>
      <Paragraph>
        It will be deleted with its disks on {formatLongDay(facts.deleteAt)} unless you renew it before then.
        Renewing does not start it; start it from its page.
      </Paragraph>
    </MailLayout>
  );
}

export function stoppedMail(facts: StoppedFacts): Promise<RenderedMail> {
  return renderMail(`${facts.vmName} was stopped: its lease ended`, <LeaseStopped {...facts} />);
}
