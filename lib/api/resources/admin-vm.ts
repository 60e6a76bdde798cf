import { z } from "zod";
import type { AdminVmRow } from "@/db/queries/vms";
import { vmStateEnum } from "@/db/schema";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";

/** A VM as the admins' list shows it: whoever owns it, wherever it runs. */
export const adminVmResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    state: z.enum(vmStateEnum.enumValues).meta({ description: "The portal's record of the VM's state." }),
    stateDetail: z.string().nullable(),
    owner: z.object({ id: z.string(), label: z.string(), email: z.string().nullable() }),
    clusterId: z.string(),
    node: z.string().nullable(),
    vmid: z.number().int().nullable().meta({ description: "The VM's id on Proxmox." }),
    cores: z.number().int(),
    memoryMb: z.number().int(),
    diskGb: z.number().int(),
    ipAddress: z.string().nullable(),
    snapshotCount: z.number().int(),
    leaseExpiresAt: z.iso.datetime().nullable(),
    leaseExempt: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AdminVm" });

export function adminVmResourceOf({ vm, owner }: AdminVmRow): z.infer<typeof adminVmResource> {
  return {
    id: vm.id,
    name: vm.name,
    state: vm.state,
    stateDetail: vm.stateDetail && renderMessage(vm.stateDetail, englishTranslator()),
    owner,
    clusterId: vm.clusterId,
    node: vm.node,
    vmid: vm.vmid,
    cores: vm.cores,
    memoryMb: vm.memoryMb,
    diskGb: vm.diskGb,
    ipAddress: vm.ipAddress,
    snapshotCount: vm.snapshotCount,
    leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
    leaseExempt: vm.leaseExempt,
    createdAt: vm.createdAt.toISOString(),
  };
}
