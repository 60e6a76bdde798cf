import "server-only";
import { getUserById } from "@/db/queries/users";
import { findLiveVmByName, getVmById, setVmOwner } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { conflict, invalid, notFound } from "@/lib/errors";
import { recordVmEvent } from "./vm-timeline";

/**
 * An admin gives a VM to another person: it leaves the old owner's dashboard and quota and joins the new
 * owner's. Quota is not checked, since it is an admin's decision; names stay unique per owner.
 */
export async function transferVm(vmId: string, newOwnerId: string, actor: AuditActor) {
  const vm = await getVmById({ id: vmId });
  if (!vm || vm.state === "deleted") throw notFound();
  const owner = await getUserById({ id: newOwnerId });
  if (!owner) throw invalid("Pick the person to give it to.", "ownerId");
  if (owner.id === vm.ownerId) throw invalid("That person already owns this VM.", "ownerId");
  if (owner.disabled) throw invalid("That person's account is disabled.", "ownerId");
  if (await findLiveVmByName({ ownerId: owner.id, name: vm.name }))
    throw conflict(`${owner.name ?? owner.username} already has a VM called ${vm.name}.`);
  await setVmOwner({ id: vm.id, ownerId: owner.id });
  await recordVmEvent({
    vmId: vm.id,
    kind: "reconciled",
    message: `Transferred to ${owner.name ?? owner.username ?? owner.email} by an admin`,
    actor,
    detail: { from: vm.ownerId, to: owner.id },
  });
  return { from: vm.ownerId, to: owner.id };
}
