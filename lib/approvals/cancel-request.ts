import "server-only";
import { cancelPendingRequest, getApprovalRequest } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

/** The requester withdraws a request while it is still pending. */
export async function cancelRequest(requesterId: string, requestId: string): Promise<ApprovalRequest> {
  const cancelled = await cancelPendingRequest({ id: requestId, requesterId });
  if (cancelled) return cancelled;
  const request = await getApprovalRequest({ id: requestId });
  if (!request || request.requesterId !== requesterId)
    throw notFound(message("errors.approvals.noSuchOwnRequest"));
  throw conflict(message("errors.approvals.decidedAlready", { state: request.state }));
}
