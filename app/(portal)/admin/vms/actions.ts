"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedAction } from "@/lib/actions/validated-action";
import { invalid } from "@/lib/errors";
import { setLeaseAsAdmin } from "@/lib/leases/renew-lease";
import { adoptVm } from "@/lib/vms/adopt-vm";
import { deleteOwnedVm, powerOwnedVm } from "@/lib/vms/operate-vm";
import { powerActions } from "@/lib/vms/power-actions";
import { transferVm } from "@/lib/vms/transfer-vm";

const vmId = z.uuid("Pick a VM.");

export const adminPowerVmAction = validatedAction(
  {
    name: "admin.vm.power",
    permission: "admin:write",
    input: z.object({ vmId, action: z.enum(powerActions) }),
  },
  async ({ vmId, action }, { actor, audit }) => {
    const result = await powerOwnedVm({
      vmId,
      ownerId: null,
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
  async ({ vmId, confirmName }, { actor, audit }) => {
    await deleteOwnedVm({
      vmId,
      ownerId: null,
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
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date.")
        .optional(),
      exempt: z.boolean().optional(),
    }),
  },
  async ({ vmId, endsOn, exempt }, { actor }) => {
    if (!endsOn && exempt === undefined) throw invalid("Pick a date, or exempt the VM.", "endsOn");
    // The end of the chosen day, UTC: "until the 3rd" keeps the VM through the 3rd.
    const expiresAt = endsOn ? new Date(`${endsOn}T23:59:59Z`) : undefined;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw invalid("That is not a date.", "endsOn");
    const vm = await setLeaseAsAdmin(vmId, { expiresAt, exempt }, actor);
    revalidatePath(`/admin/vms/${vmId}`);
    return { leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null, exempt: vm.leaseExempt };
  },
);

export const adminTransferVmAction = validatedAction(
  {
    name: "admin.vm.transfer",
    permission: "admin:write",
    input: z.object({ vmId, ownerId: z.string().min(1, "Pick a person.") }),
  },
  async ({ vmId, ownerId }, { actor, audit }) => {
    const moved = await transferVm(vmId, ownerId, actor);
    await audit({ action: "admin.vm.transfer", target: { type: "vm", id: vmId }, detail: moved });
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
      ownerId: z.string().min(1, "Pick the person who will own it."),
    }),
  },
  async (input, { actor, audit }) => {
    const vm = await adoptVm(input, actor);
    await audit({ action: "admin.vm.adopt", target: { type: "vm", id: vm.id }, detail: input });
    revalidatePath("/admin/vms");
    return { vmId: vm.id };
  },
);
