import "server-only";
import { z } from "zod";
import { getEnabledTemplate } from "@/db/queries/templates";
import { findLiveVmByName, insertVm } from "@/db/queries/vm-state";
import type { Template, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { getSetting } from "@/lib/settings/settings";
import { generatePassword } from "./generate-password";
import { vmNameSchema } from "./vm-name";
import { vmSizeSchema } from "./vm-size";
import { recordVmEvent } from "./vm-timeline";

export class VmRequestError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const vmRequestSchema = z.object({
  templateId: z.uuid("Pick a template."),
  name: vmNameSchema,
  cores: z.number(),
  memoryMb: z.number(),
  diskGb: z.number(),
});

export type VmRequest = z.infer<typeof vmRequestSchema>;

export interface RequestedVm {
  vm: Vm;
  template: Template;
  /** Shown to the owner once; the portal keeps no copy. */
  password: string;
}

/**
 * Checks a member's request against the catalog, the per-VM limits, their other VMs' names and their
 * quota, then records the VM as provisioning — the record is the quota reservation.
 */
export async function requestVm(owner: AuditActor & { id: string }, input: VmRequest): Promise<RequestedVm> {
  const template = await getEnabledTemplate({ id: input.templateId });
  if (!template) throw new VmRequestError("That template is not available any more.", "templateId");
  const size = vmSizeSchema(await getSetting("vm.limits")).safeParse(input);
  if (!size.success) {
    const issue = size.error.issues[0]!;
    throw new VmRequestError(issue.message, String(issue.path[0]));
  }
  if (size.data.diskGb < template.minDiskGb) {
    throw new VmRequestError(
      `${template.label} needs a disk of at least ${template.minDiskGb} GiB.`,
      "diskGb",
    );
  }
  const vm = await withinQuota(owner.id, { vms: 1, ...size.data }, async (tx) => {
    if (await findLiveVmByName({ ownerId: owner.id, name: input.name }, tx)) {
      throw new VmRequestError(`You already have a VM called ${input.name}.`, "name");
    }
    return insertVm(
      {
        clusterId: template.clusterId,
        ownerId: owner.id,
        name: input.name,
        templateId: template.id,
        ...size.data,
        state: "provisioning",
        stateDetail: "Waiting to start",
      },
      tx,
    );
  });
  await recordVmEvent({
    vmId: vm.id,
    kind: "created",
    message: `Requested from ${template.label}`,
    actor: owner,
  });
  return { vm, template, password: generatePassword() };
}
