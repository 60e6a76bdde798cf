import { z } from "zod";
import { vmStateEnum } from "@/db/schema";
import { type VmAction, vmActions } from "@/lib/authz/vm-access";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import type { LiveVm } from "@/lib/vms/live-state";

export const vmIdParams = z.object({
  vmId: z.uuid("A VM id is a UUID.").meta({ description: "The VM's id, as `GET /vms` gives it." }),
});

/**
 * A VM as the API shows it to someone who sees it: what the portal records, what the cluster says now,
 * and what the caller may do to it.
 */
export const vmResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    projectId: z
      .uuid()
      .nullable()
      .meta({ description: "The project the VM belongs to; null: a personal VM." }),
    actions: z.array(z.enum(vmActions)).meta({
      description: "What you may do to this VM: as its owner, a project member, a share, or an admin.",
    }),
    state: z.enum(vmStateEnum.enumValues).meta({ description: "The portal's record of the VM's state." }),
    liveState: z
      .enum(["running", "stopped", "paused", "missing"])
      .nullable()
      .meta({ description: "The power state the cluster reports now; null when it could not be asked." }),
    stateDetail: z.string().nullable().meta({ description: "Where provisioning is, or why it failed." }),
    progress: z.number().int().nullable().meta({ description: "Provisioning progress in percent." }),
    cores: z.number().int(),
    memoryMb: z.number().int(),
    diskGb: z.number().int(),
    ipAddress: z.string().nullable(),
    templateId: z.uuid().nullable(),
    isoId: z.uuid().nullable(),
    networkId: z.uuid().nullable(),
    snapshotCount: z.number().int(),
    leaseExpiresAt: z.iso.datetime().nullable(),
    leaseExempt: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Vm" });

export type VmResource = z.infer<typeof vmResource>;

export function vmResourceOf(vm: LiveVm, actions: ReadonlySet<VmAction>): VmResource {
  return {
    id: vm.id,
    name: vm.name,
    projectId: vm.projectId,
    actions: vmActions.filter((action) => actions.has(action)),
    state: vm.state,
    liveState: vm.live,
    stateDetail: vm.stateDetail && renderMessage(vm.stateDetail, englishTranslator()),
    progress: vm.progress,
    cores: vm.cores,
    memoryMb: vm.memoryMb,
    diskGb: vm.diskGb,
    ipAddress: vm.ipAddress,
    templateId: vm.templateId,
    isoId: vm.isoId,
    networkId: vm.networkId,
    snapshotCount: vm.snapshotCount,
    leaseExpiresAt: vm.leaseExpiresAt?.toISOString() ?? null,
    leaseExempt: vm.leaseExempt,
    createdAt: vm.createdAt.toISOString(),
  };
}
