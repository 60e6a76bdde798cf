import "server-only";
import { getDb } from "@/db/client";
import {
  getApprovalRequest,
  lockApprovalRequest,
  setProjectQuotaIn,
  setQuotaOverrideIn,
  updateApprovalRequest,
} from "@/db/queries/approvals";
import type { ApprovalDecision, ApprovalRequest, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import type { Person } from "@/lib/authz/vm-access";
import { getConfig } from "@/lib/config";
import { sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { sealingRefusal } from "@/lib/vms/guest-password";
import { type PreparedVm, prepareVm, requestedVm } from "@/lib/vms/request-vm";
import { startProvisioning } from "@/lib/vms/start-provisioning";
import { vmOwnerFrom } from "@/lib/vms/vm-owner";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { webhookVmOf } from "@/lib/webhooks/vm-webhooks";
import { mailRequester } from "./approval-mails";
import { askedOf } from "./requested-things";
import { mayDecide } from "./who-decides";

export type Approver = Person & AuditActor;

export type DecisionOutcome = {
  request: ApprovalRequest;
  /** Whether this decision ended the request (or it still waits for a second approver). */
  decided: boolean;
  vm: Vm | null;
};

export const passwordContext = (requestId: string) => `approval-password:${requestId}`;

async function loadForDecision(approver: Approver, requestId: string) {
  const request = await getApprovalRequest({ id: requestId });
  if (!request) throw notFound(message("errors.approvals.noSuchRequest"));
  if (approver.id === request.requesterId) throw forbidden(message("errors.approvals.ownRequest"));
  if (!(await mayDecide(approver, request))) throw notFound(message("errors.approvals.noSuchRequest"));
  if (request.state !== "pending")
    throw conflict(message("errors.approvals.decidedAlready", { state: request.state }));
  return request;
}

function decisionBy(
  approver: Approver,
  verdict: ApprovalDecision["verdict"],
  comment: string,
): ApprovalDecision {
  return { by: approver.id, byLabel: approver.label, at: new Date().toISOString(), verdict, comment };
}

/** The checks that hold under the row's lock: still pending, and not this approver's second yes. */
function checkStillOpen(locked: ApprovalRequest | null, approver: Approver): ApprovalRequest {
  if (!locked) throw notFound(message("errors.approvals.noSuchRequest"));
  if (locked.state !== "pending")
    throw conflict(message("errors.approvals.decidedAlready", { state: locked.state }));
  if (locked.decisions.some((decision) => decision.by === approver.id))
    throw conflict(message("errors.approvals.approvedAlready"));
  return locked;
}

/**
 * Approves a request. With a second approver required, the first yes is recorded and the request stays
 * pending. The yes that completes it takes effect in the same transaction that moves it to approved,
 * under the request's row lock: a VM request's VM is recorded there, past the quota, so two approvals at
 * the same moment make one VM; a quota request sets the person's override or the project's quota.
 */
export async function approveRequest(
  approver: Approver,
  requestId: string,
  comment: string,
): Promise<DecisionOutcome> {
  const listed = await loadForDecision(approver, requestId);
  const asked = askedOf(listed);
  const requester = vmOwnerFrom({ id: listed.requesterId, ...listed.requester });
  let prepared: PreparedVm | null = null;
  if (asked.kind === "vm") {
    // The requester's copy of the password is kept sealed until they look; without a key it cannot be.
    const refusal = sealingRefusal();
    if (refusal) throw conflict(refusal);
    prepared = await prepareVm(requester, asked.vm);
  }
  const { request, vm } = await getDb().transaction(async (tx) => {
    const locked = checkStillOpen(await lockApprovalRequest({ id: requestId }, tx), approver);
    const decisions = [...locked.decisions, decisionBy(approver, "approve", comment)];
    if (decisions.length < locked.approvalsRequired) {
      return { request: await updateApprovalRequest({ id: requestId, decisions }, tx), vm: null };
    }
    let vm: Vm | null = null;
    if (prepared) vm = await prepared.claim(tx);
    else if (asked.kind === "quota" && locked.projectId)
      await setProjectQuotaIn({ projectId: locked.projectId, quota: asked.quota }, tx);
    else if (asked.kind === "quota")
      await setQuotaOverrideIn({ userId: locked.requesterId, quota: asked.quota }, tx);
    const request = await updateApprovalRequest(
      { id: requestId, decisions, state: "approved", decidedAt: new Date(), vmId: vm?.id ?? null },
      tx,
    );
    return { request, vm };
  });
  if (request.state !== "approved") return { request, decided: false, vm: null };
  if (vm && prepared) {
    const made = await requestedVm(requester, prepared, vm, `Created by the approval of ${approver.label}`);
    const sealedPassword = sealSecret(secretKeyFor(getConfig()), made.password, passwordContext(request.id));
    await updateApprovalRequest({ id: request.id, payload: { ...request.payload, sealedPassword } });
    await startProvisioning(made, requester);
  }
  await mailRequester(request, {
    verdict: "approved",
    deciderName: approver.label,
    comment,
    vm: vm ?? undefined,
  });
  await emitWebhookEvent(
    "request.approved",
    {
      request: {
        id: request.id,
        kind: request.kind,
        requesterId: request.requesterId,
        projectId: request.projectId,
      },
      vm: vm ? webhookVmOf(vm) : null,
    },
    { key: `request.approved:${request.id}` },
  );
  return { request, decided: true, vm };
}

/** Denies a request with the reason the person is told; nothing is made. */
export async function denyRequest(
  approver: Approver,
  requestId: string,
  comment: string,
): Promise<ApprovalRequest> {
  await loadForDecision(approver, requestId);
  const request = await getDb().transaction(async (tx) => {
    const locked = await lockApprovalRequest({ id: requestId }, tx);
    if (!locked) throw notFound(message("errors.approvals.noSuchRequest"));
    if (locked.state !== "pending")
      throw conflict(message("errors.approvals.decidedAlready", { state: locked.state }));
    const decisions = [...locked.decisions, decisionBy(approver, "deny", comment)];
    return updateApprovalRequest({ id: requestId, decisions, state: "denied", decidedAt: new Date() }, tx);
  });
  await mailRequester(request, { verdict: "denied", deciderName: approver.label, comment });
  return request;
}

export const approverFrom = (
  user: Person & { name?: string | null; username?: string | null; email?: string | null },
) => ({
  id: user.id,
  role: user.role,
  label: displayName(user),
});
