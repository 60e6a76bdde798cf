import { z } from "zod";
import { listVmShares } from "@/lib/shares/list-shares";
import { revokeShare } from "@/lib/shares/revoke-share";
import { shareRequestSchema } from "@/lib/shares/share-input";
import { shareAuditDetail, shareVm } from "@/lib/shares/share-vm";
import { defineApiRoute } from "../define-route";
import { vmIdParams } from "../resources/vm";
import { vmShareParams, vmShareResource, vmShareResourceOf } from "../resources/vm-share";

export const listVmSharesRoute = defineApiRoute({
  method: "GET",
  path: "/vms/{vmId}/shares",
  operationId: "listVmShares",
  summary: "List a VM's shares",
  description:
    "Everyone the VM is shared with: live shares, those whose end has passed, and invitations not yet taken up. Only for those who may share the VM.",
  tags: ["VMs"],
  scope: "read",
  params: vmIdParams,
  responses: {
    200: {
      description: "The VM's shares, oldest first.",
      schema: z.object({ items: z.array(vmShareResource) }),
    },
    403: { description: "You may see this VM but not share it." },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, person }) {
    const shares = await listVmShares({ person, vmId: params.vmId });
    return { status: 200, body: { items: shares.map(vmShareResourceOf) } };
  },
});

export const shareVmRoute = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/shares",
  operationId: "shareVm",
  summary: "Share a VM with a person",
  description:
    "By username, or by e-mail: an address nobody has signed in with is invited and the share binds at its first sign-in. Someone who has a share already gets the new role and end. The person is told by mail.",
  tags: ["VMs"],
  scope: "manage",
  params: vmIdParams,
  body: shareRequestSchema,
  responses: {
    201: { description: "The new share.", schema: vmShareResource },
    200: { description: "The person's share, with the new role and end.", schema: vmShareResource },
    400: { description: "Nobody by that name, yourself, the VM's owner, or an end in the past." },
    403: { description: "You may see this VM but not share it." },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, body, person, actor, audit }) {
    const shared = await shareVm({ person, vmId: params.vmId, request: body, actor });
    await audit({
      action: "vm.share",
      target: { type: "vm", id: params.vmId },
      detail: shareAuditDetail(shared),
    });
    const view = (await listVmShares({ person, vmId: params.vmId })).find(
      ({ id }) => id === shared.share.id,
    )!;
    return { status: shared.change === "created" ? 201 : 200, body: vmShareResourceOf(view) };
  },
});

export const revokeVmShareRoute = defineApiRoute({
  method: "DELETE",
  path: "/vms/{vmId}/shares/{shareId}",
  operationId: "revokeVmShare",
  summary: "Revoke a share",
  description: "The person loses the access at once, consoles included; an invitation is withdrawn.",
  tags: ["VMs"],
  scope: "manage",
  params: vmShareParams,
  responses: {
    204: { description: "The share is revoked." },
    403: { description: "You may see this VM but not share it." },
    404: { description: "You see no VM with this id, or it has no such share." },
  },
  async handler({ params, person, actor, audit }) {
    const { share, recipient } = await revokeShare({
      person,
      vmId: params.vmId,
      shareId: params.shareId,
      actor,
    });
    await audit({
      action: "vm.share_revoke",
      target: { type: "vm", id: params.vmId },
      detail: { shareId: share.id, recipient, role: share.role },
    });
    return { status: 204 };
  },
});
