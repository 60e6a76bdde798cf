import "server-only";
import { revalidatePath } from "next/cache";
import type { ActionContext } from "@/lib/actions/validated-action";
import { approveRequest, approverFrom, denyRequest } from "@/lib/approvals/decide-request";

const requestTarget = (id: string) => ({ type: "approval_request", id });

/** Shared by the project owners' "To decide" and Admin → Requests: lib decides who may. */
export async function approveAs(
  { requestId, comment }: { requestId: string; comment: string },
  { user, audit }: Pick<ActionContext, "user" | "audit">,
) {
  const outcome = await approveRequest(approverFrom(user), requestId, comment);
  await audit({
    action: "approval.approve",
    target: requestTarget(requestId),
    detail: { comment, decided: outcome.decided, vmId: outcome.vm?.id ?? null },
  });
  revalidatePath("/requests");
  revalidatePath("/admin/requests");
  return { requestId, decided: outcome.decided, vmId: outcome.vm?.id ?? null };
}

export async function denyAs(
  { requestId, comment }: { requestId: string; comment: string },
  { user, audit }: Pick<ActionContext, "user" | "audit">,
) {
  await denyRequest(approverFrom(user), requestId, comment);
  await audit({ action: "approval.deny", target: requestTarget(requestId), detail: { comment } });
  revalidatePath("/requests");
  revalidatePath("/admin/requests");
  return { requestId };
}
