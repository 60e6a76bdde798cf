import "server-only";
import { updateVm } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { publishVmChange } from "@/lib/live/portal-changes";
import type { ProxmoxClient } from "@/lib/proxmox";
import { removalRefusal } from "./provisioning-steps";
import { recordVmEvent } from "./vm-timeline";

/**
 * Ends a provision that cannot finish: removes the half-made VM (only if it is provably ours), releases
 * its address and marks the record failed with the reason, which gives back its quota. Once the VM is
 * gone its id may be reused; if it could not be removed, the record keeps the id so that reconciliation
 * finds it, and the address stays taken while the VM may still use it.
 */
export async function failProvisioning(
  client: ProxmoxClient,
  vm: Vm,
  outcome: { reason: string; made: { node: string; vmid: number } | null; actor: AuditActor },
): Promise<Vm> {
  const { reason, made, actor } = outcome;
  const refusal = made ? await removalRefusal(client, { ...made, id: vm.id, name: vm.name }) : null;
  const removed = refusal === null;
  if (removed) await releaseVmAddress(vm.id);
  await recordVmEvent({
    vmId: vm.id,
    kind: "failed",
    message: reason,
    actor,
    detail: made ? { ...made, removed, ...(refusal ? { notRemovedBecause: refusal } : {}) } : undefined,
  });
  const failed = await updateVm({
    id: vm.id,
    state: "failed",
    stateDetail: reason,
    progress: null,
    ...(removed ? { vmid: null } : {}),
  });
  await publishVmChange(vm.id);
  return failed!;
}

/**
 * At start, a VM still "provisioning" with no job left to finish it was cut off by a restart (an
 * in-process provision, or a durable job that was lost): remove what was made and release the quota.
 */
export async function abandonProvisioning(client: ProxmoxClient, vm: Vm, actor: AuditActor): Promise<void> {
  await failProvisioning(client, vm, {
    reason:
      "The portal restarted while this VM was being made; what was made was removed. Please create it again.",
    made: vm.node && vm.vmid !== null ? { node: vm.node, vmid: vm.vmid } : null,
    actor,
  });
}
