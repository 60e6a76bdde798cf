import "server-only";
import { getProjectById } from "@/db/queries/projects";
import { getUserById } from "@/db/queries/users";
import { findLiveVmByName, getVmById, setVmOwner } from "@/db/queries/vms";
import type { Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { publishVmChange } from "@/lib/live/portal-changes";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { accountOf, type QuotaAccount } from "@/lib/quotas/quota-account";
import { recordVmEvent } from "./vm-timeline";

/** What the VM holds of a quota; a failed or missing VM holds nothing. */
function holding(vm: Vm) {
  if (["failed", "missing", "deleted"].includes(vm.state)) return {};
  return { vms: 1, cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb, snapshots: vm.snapshotCount };
}

/** Who receives the VM, checked: an enabled person, or a project that is not archived. */
async function receiver(to: QuotaAccount, vm: Vm) {
  if (to.kind === "user") {
    const owner = await getUserById({ id: to.id });
    if (!owner) throw invalid(message("errors.vm.pickRecipient"), "ownerId");
    if (owner.disabled) throw invalid(message("errors.vm.recipientDisabled"), "ownerId");
    return { name: displayName(owner), label: displayName(owner), ownerId: owner.id, projectId: null };
  }
  const project = await getProjectById({ id: to.id });
  if (!project) throw invalid(message("errors.vm.pickProject"), "projectId");
  if (project.archivedAt)
    throw invalid(message("errors.vm.projectArchived", { project: project.name }), "projectId");
  // Whoever made the VM stays its maker; the project's roles decide what they may do to it now.
  return {
    name: project.name,
    label: `the project ${project.name}`,
    ownerId: vm.ownerId,
    projectId: project.id,
  };
}

/**
 * An admin gives a VM to another person or to a project (or from a project to a person): it leaves the old
 * account's dashboard and quota and joins the new one's, within the receiving quota; names stay unique
 * there. The Proxmox pool stays as it is, as it always has for transfers; backups stay where they count.
 */
export async function transferVm(vmId: string, to: QuotaAccount, actor: AuditActor) {
  const vm = await getVmById({ id: vmId });
  if (!vm || vm.state === "deleted") throw notFound();
  const from = accountOf(vm);
  if (from.kind === to.kind && from.id === to.id)
    throw invalid(
      to.kind === "user" ? "That person already owns this VM." : "The VM is that project's already.",
      to.kind === "user" ? "ownerId" : "projectId",
    );
  const target = await receiver(to, vm);
  await withinQuota(to, holding(vm), async (tx) => {
    const clash = await findLiveVmByName(
      { ownerId: target.ownerId, projectId: target.projectId, name: vm.name },
      tx,
    );
    if (clash && clash.id !== vm.id)
      throw conflict(message("errors.vm.nameTaken", { owner: target.name, name: vm.name }));
    await setVmOwner({ id: vm.id, ownerId: target.ownerId, projectId: target.projectId }, tx);
    await recordVmEvent(
      {
        vmId: vm.id,
        kind: "reconciled",
        message: message("timeline.transferred", { target: target.label }),
        actor,
        detail: { from, to },
      },
      tx,
    );
  });
  await publishVmChange(vm.id);
  return { from, to };
}
