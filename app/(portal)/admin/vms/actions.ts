"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { setLeaseAsAdmin } from "@/lib/leases/renew-lease";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { adoptVm } from "@/lib/vms/adopt-vm";
import { deleteOwnedVm, powerOwnedVm } from "@/lib/vms/operate-vm";
import { powerActions } from "@/lib/vms/power-actions";
import { transferVm } from "@/lib/vms/transfer-vm";

const vmId = z.uuid(message("adminVms.errors.pickVm"));

export const adminPowerVmAction = validatedAction(
  {
    name: "admin.vm.power",
    permission: "admin:write",
    input: z.object({ vmId, action: z.enum(powerActions) }),
  },
  async ({ vmId, action }, { user, actor, audit }) => {
    const result = await powerOwnedVm({
      vmId,
      person: user,
      action,
      actor,
    });
    await audit({ action: `admin.vm.${action}`, target: { type: "vm", id: vmId } });
    revalidatePath(`/admin/vms/${vmId}`);
    return result;
  },
);

export const adminDeleteVmAction = validatedAction(
  {
    name: "admin.vm.delete",
    permission: "admin:write",
    input: z.object({ vmId, confirmName: z.string().max(100) }),
  },
  async ({ vmId, confirmName }, { user, actor, audit }) => {
    await deleteOwnedVm({
      vmId,
      person: user,
      confirmName,
      actor,
    });
    await audit({ action: "admin.vm.delete", target: { type: "vm", id: vmId } });
    revalidatePath("/admin/vms");
    return { deleted: true };
  },
);

export const adminSetLeaseAction = validatedAction(
  {
    name: "admin.vm.lease",
    permission: "admin:write",
    input: z.object({
      vmId,
      endsOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, message("adminVms.errors.pickDate"))
        .optional(),
      exempt: z.boolean().optional(),
    }),
  },
  async ({ vmId, endsOn, exempt }, { actor }) => {
    if (!endsOn && exempt === undefined) throw invalid(message("adminVms.errors.pickDateOrExempt"), "endsOn");
    // The end of the chosen day, UTC: "until the 3rd" keeps the VM through the 3rd.
    const expiresAt = endsOn ? new Date(`${endsOn}T23:59:59Z`) : undefined;
    if (expiresAt && Number.isNaN(expiresAt.getTime()))
      throw invalid(message("adminVms.errors.notADate"), "endsOn");
    const vm = await setLeaseAsAdmin(vmId, { expiresAt, exempt }, actor);
    revalidatePath(`/admin/vms/${vmId}`);
    return { leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null, exempt: vm.leaseExempt };
  },
);

export const adminTransferVmAction = validatedAction(
  {
    name: "admin.vm.transfer",
    permission: "admin:write",
    // One of the two: a person, or a project.
    input: z.object({
      vmId,
      ownerId: z.string().min(1, message("adminVms.errors.pickPerson")).optional(),
      projectId: z.uuid(message("adminVms.errors.pickProject")).optional(),
    }),
  },
  async ({ vmId, ownerId, projectId }, { actor, audit }) => {
    if (Boolean(ownerId) === Boolean(projectId))
      throw invalid(message("adminVms.errors.pickPersonOrProject"), "ownerId");
    const to = projectId ? projectAccount(projectId) : userAccount(ownerId!);
    const moved = await transferVm(vmId, to, actor);
    await audit({ action: "vm.transfer", target: { type: "vm", id: vmId }, detail: moved });
    revalidatePath(`/admin/vms/${vmId}`);
    return moved;
  },
);

export const adoptVmAction = validatedAction(
  {
    name: "admin.vm.adopt",
    permission: "admin:write",
    input: z.object({
      clusterId: z.string().min(1),
      vmid: z.number().int().min(100),
      ownerId: z.string().min(1, message("adminVms.errors.pickNewOwner")),
    }),
  },
  async (input, { actor, audit }) => {
    const vm = await adoptVm(input, actor);
    await audit({ action: "admin.vm.adopt", target: { type: "vm", id: vm.id }, detail: input });
    revalidatePath("/admin/vms");
    return { vmId: vm.id };
  },
);
