"use server";

import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/actions/validated-action";
import {
  decisionInput,
  denialInput,
  quotaApprovalInput,
  requestIdInput,
  vmApprovalInput,
} from "@/lib/approvals/approval-inputs";
import { revealApprovedPassword } from "@/lib/approvals/approved-password";
import { cancelRequest } from "@/lib/approvals/cancel-request";
import { submitQuotaRequest, submitVmRequest } from "@/lib/approvals/submit-request";
import { approveAs, denyAs } from "./decisions";

const requestTarget = (id: string) => ({ type: "approval_request", id });

export const askVmApprovalAction = validatedAction(
  { name: "approval.request", permission: "portal:use", input: vmApprovalInput },
  async (input, { owner, audit }) => {
    const request = await submitVmRequest(owner, input);
    await audit({
      action: "approval.request",
      target: requestTarget(request.id),
      detail: { kind: "vm", name: input.request.name, projectId: request.projectId },
    });
    revalidatePath("/requests");
    return { requestId: request.id };
  },
);

export const askQuotaApprovalAction = validatedAction(
  { name: "approval.request", permission: "portal:use", input: quotaApprovalInput },
  async (input, { owner, audit }) => {
    const request = await submitQuotaRequest(owner, input);
    await audit({
      action: "approval.request",
      target: requestTarget(request.id),
      detail: { kind: "quota", quota: input.quota, projectId: request.projectId },
    });
    revalidatePath("/requests");
    return { requestId: request.id };
  },
);

export const cancelRequestAction = validatedAction(
  { name: "approval.cancel", permission: "portal:use", input: requestIdInput },
  async ({ requestId }, { user, audit }) => {
    await cancelRequest(user.id, requestId);
    await audit({ action: "approval.cancel", target: requestTarget(requestId) });
    revalidatePath("/requests");
    return { requestId };
  },
);

/** The approved VM's password, once; the portal then forgets it. */
export const revealPasswordAction = validatedAction(
  { name: "approval.password", permission: "portal:use", input: requestIdInput },
  async ({ requestId }, { user }) => {
    const revealed = await revealApprovedPassword(user.id, requestId);
    revalidatePath("/requests");
    return revealed;
  },
);

export const approveProjectRequestAction = validatedAction(
  { name: "approval.approve", permission: "portal:use", input: decisionInput },
  approveAs,
);

export const denyProjectRequestAction = validatedAction(
  { name: "approval.deny", permission: "portal:use", input: denialInput },
  denyAs,
);
