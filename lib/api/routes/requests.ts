import { z } from "zod";
import { listPendingRequests, listRequestsOfRequester } from "@/db/queries/approvals";
import {
  decisionInput,
  denialInput,
  quotaApprovalInput,
  vmApprovalInput,
} from "@/lib/approvals/approval-inputs";
import { cancelRequest } from "@/lib/approvals/cancel-request";
import { approveRequest, approverFrom, denyRequest } from "@/lib/approvals/decide-request";
import { submitQuotaRequest, submitVmRequest } from "@/lib/approvals/submit-request";
import { requireRolePermission } from "../admin-role";
import { defineApiRoute } from "../define-route";
import {
  approvalRequestResource,
  approvalRequestResourceOf,
  requestIdParams,
} from "../resources/approval-request";

const target = (id: string) => ({ type: "approval_request", id });
const list = z.object({ items: z.array(approvalRequestResource) }).meta({ id: "ApprovalRequestList" });
const comment = decisionInput.pick({ comment: true });
const reasonedComment = denialInput.pick({ comment: true });

export const listMyRequests = defineApiRoute({
  method: "GET",
  path: "/requests",
  operationId: "listMyRequests",
  summary: "List your requests beyond a quota",
  description: "Your last 100 requests, newest first, in every state.",
  tags: ["Requests"],
  scope: "read",
  responses: { 200: { description: "Your requests.", schema: list } },
  async handler({ caller }) {
    const requests = await listRequestsOfRequester({ requesterId: caller.user.id });
    return { status: 200, body: { items: requests.map(approvalRequestResourceOf) } };
  },
});

export const askVmApproval = defineApiRoute({
  method: "POST",
  path: "/requests/vm",
  operationId: "askVmApproval",
  summary: "Ask for a VM beyond your quota",
  description:
    "The request is checked as `POST /vms` checks it, except the quota. Approved, the VM is made as asked; its password is shown once on the portal's Requests page.",
  tags: ["Requests"],
  scope: "manage",
  body: vmApprovalInput,
  responses: { 201: { description: "Asked; approvers are mailed.", schema: approvalRequestResource } },
  async handler({ body, owner, audit }) {
    const request = await submitVmRequest(owner, body);
    await audit({
      action: "approval.request",
      target: target(request.id),
      detail: { kind: "vm", name: body.request.name },
    });
    return { status: 201, body: approvalRequestResourceOf(request) };
  },
});

export const askQuotaApproval = defineApiRoute({
  method: "POST",
  path: "/requests/quota",
  operationId: "askQuotaApproval",
  summary: "Ask for a permanently higher quota",
  tags: ["Requests"],
  scope: "manage",
  body: quotaApprovalInput,
  responses: { 201: { description: "Asked; approvers are mailed.", schema: approvalRequestResource } },
  async handler({ body, owner, audit }) {
    const request = await submitQuotaRequest(owner, body);
    await audit({
      action: "approval.request",
      target: target(request.id),
      detail: { kind: "quota", quota: body.quota },
    });
    return { status: 201, body: approvalRequestResourceOf(request) };
  },
});

export const cancelMyRequest = defineApiRoute({
  method: "DELETE",
  path: "/requests/{requestId}",
  operationId: "cancelRequest",
  summary: "Cancel one of your pending requests",
  tags: ["Requests"],
  scope: "manage",
  params: requestIdParams,
  responses: {
    200: { description: "Cancelled.", schema: approvalRequestResource },
    404: { description: "You have no request with this id." },
    409: { description: "It was decided already." },
  },
  async handler({ params, caller, audit }) {
    const request = await cancelRequest(caller.user.id, params.requestId);
    await audit({ action: "approval.cancel", target: target(request.id) });
    return { status: 200, body: approvalRequestResourceOf(request) };
  },
});

export const listPendingRequestsRoute = defineApiRoute({
  method: "GET",
  path: "/admin/requests",
  operationId: "listPendingRequests",
  summary: "List pending requests (admins)",
  description: "Every request waiting for a decision, oldest first.",
  tags: ["Admin"],
  scope: "admin:read",
  responses: { 200: { description: "Pending requests.", schema: list } },
  async handler({ caller }) {
    requireRolePermission(caller, "admin:read");
    const requests = await listPendingRequests({ projectIds: "all" });
    return { status: 200, body: { items: requests.map(approvalRequestResourceOf) } };
  },
});

export const approveRequestRoute = defineApiRoute({
  method: "POST",
  path: "/admin/requests/{requestId}/approve",
  operationId: "approveRequest",
  summary: "Approve a request (admins)",
  description:
    "With a second approver required, the first approval leaves it pending. The approval that completes a VM request makes the VM, past the quota, once.",
  tags: ["Admin"],
  scope: "admin:write",
  params: requestIdParams,
  body: comment,
  responses: {
    200: { description: "The request after this approval.", schema: approvalRequestResource },
    403: { description: "It is your own request." },
    409: { description: "It was decided already, or you approved it already." },
  },
  async handler({ params, body, caller, audit }) {
    requireRolePermission(caller, "admin:write");
    const outcome = await approveRequest(approverFrom(caller.user), params.requestId, body.comment);
    await audit({
      action: "approval.approve",
      target: target(params.requestId),
      detail: { comment: body.comment, decided: outcome.decided, vmId: outcome.vm?.id ?? null },
    });
    return { status: 200, body: approvalRequestResourceOf(outcome.request) };
  },
});

export const denyRequestRoute = defineApiRoute({
  method: "POST",
  path: "/admin/requests/{requestId}/deny",
  operationId: "denyRequest",
  summary: "Deny a request (admins)",
  description: "The comment is required: it tells the person why.",
  tags: ["Admin"],
  scope: "admin:write",
  params: requestIdParams,
  body: reasonedComment,
  responses: {
    200: { description: "The denied request.", schema: approvalRequestResource },
    403: { description: "It is your own request." },
    409: { description: "It was decided already." },
  },
  async handler({ params, body, caller, audit }) {
    requireRolePermission(caller, "admin:write");
    const request = await denyRequest(approverFrom(caller.user), params.requestId, body.comment);
    await audit({ action: "approval.deny", target: target(request.id), detail: { comment: body.comment } });
    return { status: 200, body: approvalRequestResourceOf(request) };
  },
});
