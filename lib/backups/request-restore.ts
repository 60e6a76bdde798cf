import "server-only";
import { hasRunningBackup, moveBackupsToVm } from "@/db/queries/backups";
import { getEnabledNetwork } from "@/db/queries/networks";
import { findLiveVmByName, getVmById, insertVm, updateVm } from "@/db/queries/vms";
import type { Project, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { AddressUnavailableError, allocateAddress } from "@/lib/ipam/allocate-address";
import { enqueue } from "@/lib/jobs/enqueue";
import { initialLeaseEnd } from "@/lib/leases/lease-dates";
import { projectForCreating } from "@/lib/projects/project-access";
import { projectLeasePolicy } from "@/lib/projects/project-lease";
import { withinQuota } from "@/lib/quotas/effective-quota";
import { accountOf } from "@/lib/quotas/quota-account";
import { getSetting } from "@/lib/settings/settings";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { restoreRequested } from "./backup-events";
import { keptBackup, readyVm } from "./owned-backup";
import { isRestoring } from "./restoring";

/**
 * Whose the copy is. A personal VM's copy is its owner's again (an admin restores it for them); a project
 * VM's copy is the project's, made by the person, who must be one who may create VMs in it.
 */
async function copyOwner(person: Person, source: Vm): Promise<{ ownerId: string; project: Project | null }> {
  if (source.projectId === null) return { ownerId: source.ownerId, project: null };
  return { ownerId: person.id, project: await projectForCreating(person, source.projectId) };
}

/**
 * Restores a backup into a new VM: the new VM's record, with the backup's size and a new lease, is taken
 * within the quota as a VM request's is, then the job system restores into it. A deleted VM's backups move
 * to the new VM, which brings the VM back with its history of backups.
 */
export async function requestRestoreAsNewVm({
  backupId,
  person,
  name,
  actor,
}: {
  backupId: string;
  person: Person;
  name: string;
  actor: AuditActor;
}): Promise<Vm> {
  const backup = await keptBackup(person, backupId, "restore");
  const source = await getVmById({ id: backup.vmId });
  if (!source) throw notFound();
  const { ownerId, project } = await copyOwner(person, source);
  const projectId = project?.id ?? null;
  const lease = projectLeasePolicy(await getSetting("lease.policy"), project);
  const size = { cores: backup.cores, memoryMb: backup.memoryMb, diskGb: backup.diskGb };
  const network = source.networkId ? await getEnabledNetwork({ id: source.networkId }) : null;
  const vm = await withinQuota(accountOf({ ownerId, projectId }), { vms: 1, ...size }, async (tx) => {
    if (await findLiveVmByName({ ownerId, projectId, name }, tx))
      throw invalid(
        project
          ? `${project.name} already has a VM called ${name}.`
          : `You already have a VM called ${name}.`,
        "name",
      );
    const made = await insertVm(
      {
        clusterId: backup.clusterId,
        ownerId,
        projectId,
        name,
        // Not a template's VM: a failed restore must not be offered a retry from the template.
        templateId: null,
        isoId: null,
        networkId: network?.id ?? null,
        ...size,
        state: "provisioning",
        stateDetail: message("progress.restoringWaiting"),
        leaseExpiresAt: initialLeaseEnd(lease),
      },
      tx,
    );
    // On a network with an IP pool the copy gets an address of its own; the backup's is the original's.
    if (network) {
      const target = { networkId: network.id, networkLabel: network.label, vmId: made.id, hostname: name };
      await allocateAddress(target, tx).catch((error: unknown) => {
        throw error instanceof AddressUnavailableError ? invalid(error.source.message, "name") : error;
      });
    }
    return made;
  });
  await recordVmEvent({
    vmId: vm.id,
    kind: "created",
    message: message("timeline.restoringInto", { source: source.name, taken: backup.createdAt }),
    actor,
    detail: { backupId, sourceVmId: source.id },
  });
  if (source.state === "deleted") await moveBackupsToVm({ fromVmId: source.id, toVmId: vm.id });
  await enqueue(
    restoreRequested,
    { backupId, vmId: vm.id, inPlace: false, actorId: actor.id, actorLabel: actor.label },
    { idempotencyKey: `restore-${vm.id}` },
  );
  return vm;
}

/**
 * Restores a backup over the VM it came from, after the person (who needs "restore" on it) typed its name. A backup of a larger VM
 * takes the difference from the quota first. The job stops the VM, keeps a safety backup where the quota
 * allows, and restores beside it before replacing it, so a restore that fails leaves the VM as it was
 * (lib/backups/run-restore.ts).
 */
export async function requestRestoreInPlace({
  backupId,
  person,
  confirmName,
  actor,
}: {
  backupId: string;
  person: Person;
  confirmName: string;
  actor: AuditActor;
}): Promise<Vm> {
  const backup = await keptBackup(person, backupId, "restore");
  const source = await getVmById({ id: backup.vmId });
  if (source?.state === "deleted") throw conflict(message("errors.backups.vmDeleted"));
  const vm = await readyVm(person, backup.vmId, "restore");
  if (confirmName.trim() !== vm.name)
    throw invalid(message("errors.vm.confirmName", { name: vm.name }), "confirmName");
  if (isRestoring(vm.stateDetail)) throw conflict(message("errors.backups.restoreRunning"));
  if (await hasRunningBackup({ vmId: vm.id })) throw conflict(message("errors.backups.restoreDuringBackup"));
  const growth = {
    cores: Math.max(0, backup.cores - vm.cores),
    memoryMb: Math.max(0, backup.memoryMb - vm.memoryMb),
    diskGb: Math.max(0, backup.diskGb - vm.diskGb),
  };
  // The larger of both sizes is held until the restore ends, so no other request can take the difference.
  await withinQuota(accountOf(vm), growth, (tx) =>
    updateVm(
      {
        id: vm.id,
        cores: vm.cores + growth.cores,
        memoryMb: vm.memoryMb + growth.memoryMb,
        diskGb: vm.diskGb + growth.diskGb,
        stateDetail: message("progress.restoringFromBackup"),
        progress: 0,
      },
      tx,
    ),
  );
  await recordVmEvent({
    vmId: vm.id,
    kind: "restore",
    message: message("timeline.restoringOver", { taken: backup.createdAt }),
    actor,
    detail: { backupId },
  });
  await enqueue(
    restoreRequested,
    {
      backupId,
      vmId: vm.id,
      inPlace: true,
      actorId: actor.id,
      actorLabel: actor.label,
      before: { cores: vm.cores, memoryMb: vm.memoryMb, diskGb: vm.diskGb },
    },
    { idempotencyKey: `restore-${vm.id}-${backupId}-${Date.now()}` },
  );
  return vm;
}
