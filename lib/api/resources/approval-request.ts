import { z } from "zod";
import type { ApprovalRequest } from "@/db/schema";

export const requestIdParams = z.object({
  requestId: z
    .uuid("A request id is a UUID.")
    .meta({ description: "The request's id, as `GET /requests` gives it." }),
});

const decision = z
  .object({
    by: z.string(),
    byLabel: z.string(),
    at: z.iso.datetime(),
    verdict: z.enum(["approve", "deny"]),
    comment: z.string(),
  })
  .meta({ id: "ApprovalDecision" });

/** A request beyond a quota, as its requester and its approvers see it; never the VM's password. */
export const approvalRequestResource = z
  .object({
    id: z.uuid(),
    kind: z
      .enum(["vm", "quota"])
      .meta({ description: "A VM beyond the quota, or a permanently higher quota." }),
    requesterId: z.string(),
    projectId: z
      .uuid()
      .nullable()
      .meta({ description: "Set when the request is against a project's quota." }),
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: "What is asked: the VM request as `POST /vms` takes it, or the quota wanted." }),
    reason: z.string(),
    state: z.enum(["pending", "approved", "denied", "cancelled"]),
    approvalsRequired: z.number().int(),
    decisions: z.array(decision),
    vmId: z.uuid().nullable().meta({ description: "The VM an approved VM request made." }),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApprovalRequest" });

export function approvalRequestResourceOf(request: ApprovalRequest): z.infer<typeof approvalRequestResource> {
  const { sealedPassword: _, ...payload } = request.payload;
  return {
    id: request.id,
    kind: request.kind,
    requesterId: request.requesterId,
    projectId: request.projectId,
    payload,
    reason: request.reason,
    state: request.state,
    approvalsRequired: request.approvalsRequired,
    decisions: request.decisions,
    vmId: request.vmId,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
  };
}
