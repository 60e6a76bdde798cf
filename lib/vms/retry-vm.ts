import "server-only";
import { getVmForOwner } from "@/db/queries/vms";
import { conflict, notFound } from "@/lib/errors";
import { type RequestedVm, requestVm } from "./request-vm";
import type { VmOwner } from "./vm-owner";

/**
 * Asks again for a VM that failed to be made from a template: a new VM with the failed one's name,
 * template, network and size, within the owner's quota as any request is.
 */
export async function retryFailedVm(vmId: string, owner: VmOwner): Promise<RequestedVm> {
  const failed = await getVmForOwner({ id: vmId, ownerId: owner.id });
  if (!failed) throw notFound();
  if (failed.state !== "failed" || !failed.templateId)
    throw conflict("Only a VM that failed to be made from a template can be retried.");
  return requestVm(owner, {
    templateId: failed.templateId,
    networkId: failed.networkId ?? undefined,
    name: failed.name,
    cores: failed.cores,
    memoryMb: failed.memoryMb,
    diskGb: failed.diskGb,
  });
}
