"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { revokeShare } from "@/lib/shares/revoke-share";
import { shareRequestSchema } from "@/lib/shares/share-input";
import { shareAuditDetail, shareVm } from "@/lib/shares/share-vm";

export const shareVmAction = validatedAction(
  {
    name: "vm.share",
    permission: "portal:use",
    input: shareRequestSchema.extend({ vmId: z.uuid("Pick a VM.") }),
  },
  async ({ vmId, ...request }, { user, actor, audit }) => {
    const shared = await shareVm({ person: { id: user.id, role: user.role }, vmId, request, actor });
    await audit({ action: "vm.share", target: { type: "vm", id: vmId }, detail: shareAuditDetail(shared) });
    revalidatePath(`/vms/${vmId}`);
    return { recipient: shared.recipient, change: shared.change, invited: shared.share.userId === null };
  },
);

export const revokeShareAction = validatedAction(
  {
    name: "vm.share_revoke",
    permission: "portal:use",
    input: z.object({ vmId: z.uuid("Pick a VM."), shareId: z.uuid("Pick a share.") }),
  },
  async ({ vmId, shareId }, { user, actor, audit }) => {
    const { share, recipient } = await revokeShare({
      person: { id: user.id, role: user.role },
      vmId,
      shareId,
      actor,
    });
    await audit({
      action: "vm.share_revoke",
      target: { type: "vm", id: vmId },
      detail: { shareId: share.id, recipient, role: share.role },
    });
    revalidatePath(`/vms/${vmId}`);
    return { recipient };
  },
);
