import "server-only";
import { insertApprovalRequest } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { projectForCreating } from "@/lib/projects/project-access";
import { getSetting } from "@/lib/settings/settings";
import { prepareVm } from "@/lib/vms/request-vm";
import type { QuotaApprovalInput, VmApprovalInput } from "./approval-inputs";
import { mailApprovers } from "./approval-mails";

type Requester = AuditActor & { id: string };

async function submit(
  requester: Requester,
  row: Pick<ApprovalRequest, "kind" | "payload" | "reason" | "projectId">,
): Promise<ApprovalRequest> {
  const approvalsRequired = (await getSetting("approvals.second")) ? 2 : 1;
  const request = await insertApprovalRequest({ ...row, requesterId: requester.id, approvalsRequired });
  await mailApprovers(request);
  return request;
}

/**
 * Asks for a VM beyond the quota. The request is checked now as a create checks it (template, network,
 * size limits, the password route, the project the person may create in), so an approver approves
 * something that can be made.
 */
export async function submitVmRequest(
  requester: Requester,
  input: VmApprovalInput,
): Promise<ApprovalRequest> {
  const prepared = await prepareVm(requester, input.request);
  return submit(requester, {
    kind: "vm",
    payload: input.request,
    reason: input.reason,
    projectId: prepared.project?.id ?? null,
  });
}

/** Asks for a permanently higher quota: one's own, or a project's (by its owners and operators). */
export async function submitQuotaRequest(
  requester: Requester,
  input: QuotaApprovalInput,
): Promise<ApprovalRequest> {
  const project = input.projectId ? await projectForCreating(requester, input.projectId) : null;
  return submit(requester, {
    kind: "quota",
    payload: input.quota,
    reason: input.reason,
    projectId: project?.id ?? null,
  });
}
