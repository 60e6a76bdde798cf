"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { decisionInput, denialInput } from "@/lib/approvals/approval-inputs";
import { message } from "@/lib/i18n/message";
import { setSetting } from "@/lib/settings/settings";
import { approveAs, denyAs } from "../../requests/decisions";

export const approveRequestAction = validatedAction(
  { name: "approval.approve", permission: "admin:write", input: decisionInput },
  approveAs,
);

export const denyRequestAction = validatedAction(
  { name: "approval.deny", permission: "admin:write", input: denialInput },
  denyAs,
);

export const saveApprovalSettingsAction = validatedAction(
  {
    name: "settings.approvals.save",
    permission: "admin:write",
    input: z.object({ second: z.boolean({ error: message("adminRequests.errors.chooseSecond") }) }),
  },
  async ({ second }, { user, audit }) => {
    await setSetting("approvals.second", second, user.id);
    await audit({
      action: "settings.approvals.save",
      target: { type: "setting", id: "approvals.second" },
      detail: { second },
    });
    revalidatePath("/admin/requests");
    return { second };
  },
);
