import { formatLongDay } from "@/lib/format";
import { type RenderedMail, renderMail } from "../render-mail";
import { type LeaseMailFacts, ownerReason, vmLink } from "./lease-mail-facts";
import { MailLayout, Paragraph } from "./mail-layout";

export function LeaseDeleted(facts: LeaseMailFacts) {
  return (
    <MailLayout
      portalName={facts.portalName}
      preview="Its lease ended and was not renewed."
      heading={`Your VM ${facts.vmName} was deleted`}
      vm={vmLink(facts)}
      reason={ownerReason}
    >
      <Paragraph>
        Its lease ended on {formatLongDay(facts.expiresAt)} and was not renewed within the {facts.graceDays}
        -day grace period, so the VM and its disks were deleted.
      </Paragraph>
      <Paragraph>Its record and timeline stay in the portal.</Paragraph>
    </MailLayout>
  );
}

export function deletedMail(facts: LeaseMailFacts): Promise<RenderedMail> {
  return renderMail(`${facts.vmName} was deleted`, <LeaseDeleted {...facts} />);
}
