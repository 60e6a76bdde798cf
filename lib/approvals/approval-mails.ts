import "server-only";
import { getApprovalRequest, listApproverContacts } from "@/db/queries/approvals";
import type { ApprovalRequest, Vm } from "@/db/schema";
import { displayName } from "@/lib/authz/display-name";
import { getConfig } from "@/lib/config";
import { recipientLocale } from "@/lib/i18n/recipient-locale";
import { vmPageUrl } from "@/lib/leases/renew-link";
import { queueMail } from "@/lib/mail/send-mail";
import { approvalDecidedMail } from "@/lib/mail/templates/approval-decided";
import { approvalRequestedMail } from "@/lib/mail/templates/approval-requested";
import { getSetting } from "@/lib/settings/settings";
import { askedOf, describeAsked } from "./requested-things";

/** Tells every approver of this request (the admins; a project's owners too) that it waits for them. */
export async function mailApprovers(request: ApprovalRequest): Promise<void> {
  const listed = await getApprovalRequest({ id: request.id });
  if (!listed) return;
  const facts = {
    portalName: await getSetting("portal.name"),
    requesterName: displayName(listed.requester),
    asked: describeAsked(askedOf(request)),
    projectName: listed.projectName ?? null,
    reason: request.reason,
  };
  const approvers = await listApproverContacts({ projectId: request.projectId });
  for (const approver of approvers) {
    if (approver.id === request.requesterId) continue;
    // Admins decide in Admin → Requests; a project's owners under "To decide" on their own Requests page.
    const page = approver.role === "admin" ? "/admin/requests" : "/requests";
    const message = await approvalRequestedMail(
      { ...facts, decideUrl: `${getConfig().publicUrl}${page}` },
      await recipientLocale(approver.id),
    );
    await queueMail({
      dedupeKey: `approval-request:${request.id}:${approver.id}`,
      to: approver.email,
      userId: approver.id,
      kind: "approval-request",
      message,
    });
  }
}

/** Tells the requester what was decided, with the decider's comment. */
export async function mailRequester(
  request: ApprovalRequest,
  decision: { verdict: "approved" | "denied"; deciderName: string; comment: string; vm?: Vm },
): Promise<void> {
  const listed = await getApprovalRequest({ id: request.id });
  if (!listed?.requester.email) return;
  const message = await approvalDecidedMail(
    {
      portalName: await getSetting("portal.name"),
      asked: describeAsked(askedOf(request)),
      verdict: decision.verdict,
      deciderName: decision.deciderName,
      comment: decision.comment,
      requestsUrl: `${getConfig().publicUrl}/requests`,
      vm: decision.vm && { name: decision.vm.name, url: vmPageUrl(decision.vm) },
    },
    await recipientLocale(request.requesterId),
  );
  await queueMail({
    dedupeKey: `approval-decided:${request.id}`,
    to: listed.requester.email,
    userId: request.requesterId,
    kind: `approval-${decision.verdict}`,
    message,
  });
}
