import "server-only";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { conflict } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { type RequestedVm, requestVm } from "./request-vm";
import type { VmOwner } from "./vm-owner";

/**
 * Asks again for a VM that failed to be made from a template: a new VM with the failed one's name,
 * template, network and size, within the quota as any request is. Whoever may delete the failed record
 * may make it again; `owner` is that person as the new VM's owner.
 */
export async function retryFailedVm(vmId: string, person: Person, owner: VmOwner): Promise<RequestedVm> {
  const failed = await authorizeVm(person, vmId, "delete");
  if (failed.state !== "failed" || !failed.templateId) throw conflict(message("errors.vm.retryFailedOnly"));
  return requestVm(owner, {
    templateId: failed.templateId,
    networkId: failed.networkId ?? undefined,
    name: failed.name,
    cores: failed.cores,
    memoryMb: failed.memoryMb,
    diskGb: failed.diskGb,
    projectId: failed.projectId ?? undefined,
  });
}
