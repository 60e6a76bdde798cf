import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { quotaSchema } from "@/lib/quotas/quota";
import { displayText } from "@/lib/text/display-text";
import { vmRequestSchema } from "@/lib/vms/vm-inputs";

const reason = displayText(
  z
    .string()
    .trim()
    .min(10, message("validation.approvals.saySentenceTwo"))
    .max(2000, message("validation.approvals.keepReasonUnder")),
);

/**
 * A VM beyond the quota: the create form's request as it was refused (its `projectId` says whose quota),
 * and why it is needed.
 */
export const vmApprovalInput = z.object({ request: vmRequestSchema, reason });

/** A permanently higher quota, in the quota's dimensions: one's own, or a project's. */
export const quotaApprovalInput = z.object({
  quota: quotaSchema,
  reason,
  projectId: z.uuid(message("validation.approvals.pickProject")).optional(),
});

export const decisionInput = z.object({
  requestId: z.uuid(message("validation.approvals.pickRequest")),
  comment: displayText(z.string().trim().max(2000, message("validation.approvals.keepCommentUnder"))).default(
    "",
  ),
});

/** A denial tells the person why. */
export const denialInput = decisionInput.extend({
  comment: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.approvals.sayWhyPerson"))
      .max(2000, message("validation.approvals.keepCommentUnder")),
  ),
});

export const requestIdInput = z.object({ requestId: z.uuid(message("validation.approvals.pickRequest")) });

export type VmApprovalInput = z.infer<typeof vmApprovalInput>;
export type QuotaApprovalInput = z.infer<typeof quotaApprovalInput>;
