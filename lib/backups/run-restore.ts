import "server-only";
import type { z } from "zod";
import { getBackupById, getBackupStorage } from "@/db/queries/backups";
import { getProjectById } from "@/db/queries/projects";
import { getUserById } from "@/db/queries/users";
import { findLiveVmByVmid, getVmById, updateVm } from "@/db/queries/vms";
import type { Backup, Vm } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { message } from "@/lib/i18n/message";
import { cloudInitNetwork } from "@/lib/ipam/cloud-init-network";
import { releaseVmAddress } from "@/lib/ipam/release-address";
import { getVmAddressing } from "@/lib/ipam/vm-addressing";
import { publishVmChange } from "@/lib/live/portal-changes";
import { log } from "@/lib/log";
import { macAddressOf, type ProxmoxClient } from "@/lib/proxmox";
import { getSetting } from "@/lib/settings/settings";
import {
  ensurePool,
  lostVmidRace,
  poolFor,
  projectPoolFor,
  recordFreeVmid,
} from "@/lib/vms/provisioning-steps";
import { removeVmWeMade } from "@/lib/vms/vm-identity";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { emitVmRestored } from "@/lib/webhooks/vm-webhooks";
import type { restoreRequested } from "./backup-events";
import { proxmoxReason } from "./proxmox-reason";
import { takeSafetyBackup } from "./safety-backup";

const STALL_MS = 15 * 60_000;
const ID_ATTEMPTS = 5;

type RestoreJob = z.output<(typeof restoreRequested)["schema"]>;
export type RestoreOutcome = { state: "restored"; vmid: number } | { state: "failed"; error: string };

/** Follows a qmrestore task, reporting its percentages as the VM's progress. */
async function follow(client: ProxmoxClient, vmId: string, upid: string) {
  let reported = -1;
  await client.tasks.wait(upid, {
    stallMs: STALL_MS,
    onProgress: ({ percent }) => {
      if (percent === null || percent - reported < 5) return;
      reported = percent;
      void updateVm({ id: vmId, progress: Math.round(percent) }).then(() => publishVmChange(vmId));
    },
  });
}

/** The restore the job was asked for; failures are recorded on the VM, not thrown. */
export async function runRestore(job: RestoreJob): Promise<RestoreOutcome | { state: "skipped" }> {
  const [backup, vm] = await Promise.all([getBackupById({ id: job.backupId }), getVmById({ id: job.vmId })]);
  if (!backup?.volid || !vm) return { state: "skipped" };
  const storage = await getBackupStorage({ id: backup.storageId });
  if (!storage) return { state: "skipped" };
  const actor = { id: job.actorId, label: job.actorLabel };
  const client = await getProxmoxClient(backup.clusterId);
  const volid = backup.volid;
  return job.inPlace
    ? restoreInPlace(client, { backup: { ...backup, volid }, vm, actor, before: job.before })
    : restoreAsNew(client, { backup: { ...backup, volid }, vm, actor });
}

async function restoreAsNew(
  client: ProxmoxClient,
  { backup, vm, actor }: { backup: Backup & { volid: string }; vm: Vm; actor: AuditActor },
): Promise<RestoreOutcome | { state: "skipped" }> {
  if (vm.state !== "provisioning") return { state: "skipped" };
  const owner = await getUserById({ id: vm.ownerId });
  if (!owner) return { state: "skipped" };
  const project = vm.projectId ? await getProjectById({ id: vm.projectId }) : null;
  const pool = project ? projectPoolFor(project.slug) : poolFor(owner.username ?? owner.id);
  let vmid: number | null = vm.vmid;
  // The id whose qmrestore task started: only there can a failure have left something to remove.
  let started: number | null = null;
  try {
    await ensurePool(
      client,
      pool,
      project
        ? `VMs of the project ${project.name}, managed by Roost`
        : `Roost: VMs of ${owner.username ?? owner.id}`,
    );
    const { diskStorage } = await getSetting("vm.hardware");
    const addressing = await getVmAddressing(vm.id);
    await updateVm({
      id: vm.id,
      stateDetail: message("progress.restoringFromBackup"),
      progress: 0,
      node: backup.node,
      pool,
    });
    await publishVmChange(vm.id);
    vmid = vmid ?? (await recordFreeVmid(client, vm, { node: backup.node, pool }));
    for (let attempt = 1; ; attempt++) {
      try {
        const upid = await client.backups.restore(backup.node, {
          vmid,
          archive: backup.volid,
          storage: diskStorage,
          pool,
          unique: true,
          overrides: { name: vm.name, ...(addressing ? cloudInitNetwork(addressing) : {}) },
        });
        started = vmid;
        await follow(client, vm.id, upid);
        break;
      } catch (error) {
        if (!lostVmidRace(error) || attempt >= ID_ATTEMPTS) throw error;
        vmid = await recordFreeVmid(client, vm, { node: backup.node, pool });
      }
    }
    client.resources.noteGuestMade({ vmid, node: backup.node, name: vm.name });
    const macAddress = macAddressOf((await client.qemu.config(backup.node, vmid)).net0);
    const restored = await updateVm({
      id: vm.id,
      state: "stopped",
      stateDetail: null,
      progress: null,
      macAddress,
      ipAddress: addressing?.address ?? null,
    });
    if (restored) await emitVmRestored(restored, { backupId: backup.id, into: "new" });
    await recordVmEvent({
      vmId: vm.id,
      kind: "restore",
      message: message("timeline.restored"),
      actor,
      detail: { backupId: backup.id, vmid },
    });
    return { state: "restored", vmid: vmid as number };
  } catch (error) {
    log.warn({ err: error, backupId: backup.id, vmId: vm.id }, "restore as a new VM failed");
    const left = started === null ? null : await removeLeftovers(client, backup.node, started);
    const reason = proxmoxReason(error);
    await updateVm({ id: vm.id, state: "failed", stateDetail: reason, progress: null, ipAddress: null });
    await releaseVmAddress(vm.id);
    await recordVmEvent({
      vmId: vm.id,
      kind: "failed",
      message: message("timeline.restoreFailed", { reason: left ? `${reason} ${left}` : reason }),
      actor,
      detail: { backupId: backup.id, leftVmid: left ? started : null },
    });
    return { state: "failed", error: reason };
  }
}

/** An id no VM holds now; PVE's nextid reserves nothing, so a restore that loses the race picks again. */
async function freeVmid(client: ProxmoxClient, from?: number): Promise<number> {
  let candidate = from ?? (await client.nextVmid());
  for (let attempt = 0; attempt < 20; attempt++, candidate++) {
    if (
      (await client.isVmidFree(candidate)) &&
      !(await findLiveVmByVmid({ clusterId: client.cluster.id, vmid: candidate }))
    )
      return candidate;
  }
  throw new Error("Could not find a free VM id on the cluster.");
}

/**
 * Removes what a failed restore left at `vmid`: PVE does not clean up after qmrestore, and adds the VM to
 * the pool only once it is restored, so the portal's pool-wide privileges may not reach it. Says what was
 * left when it could not be removed.
 */
async function removeLeftovers(client: ProxmoxClient, node: string, vmid: number): Promise<string | null> {
  try {
    if (await client.isVmidFree(vmid)) return null;
    await client.tasks.wait(await client.qemu.destroy(node, vmid));
    return null;
  } catch (error) {
    log.warn({ err: error, vmid }, "what a failed restore left was not removed");
    return `Proxmox left VM ${vmid} on ${node} behind and the portal may not remove it; an admin should (qm destroy ${vmid}).`;
  }
}

/**
 * Restores over the VM without risking it: the backup is restored into a new VM id first, and only once
 * that succeeded is the old VM removed and the record moved to the new id (same name, MAC addresses,
 * lease and history). qmrestore with `force` would wipe the old disks before reading the backup and leave
 * a VM without disks when it fails (qemu-server QemuServer.pm restore_*_archive, "state is NOT cleaned
 * up"); this way a failed restore leaves the VM exactly as it was, only stopped.
 */
async function restoreInPlace(
  client: ProxmoxClient,
  {
    backup,
    vm,
    actor,
    before,
  }: {
    backup: Backup & { volid: string };
    vm: Vm;
    actor: AuditActor;
    before?: { cores: number; memoryMb: number; diskGb: number };
  },
): Promise<RestoreOutcome | { state: "skipped" }> {
  if (!vm.node || vm.vmid === null || vm.state === "deleted") return { state: "skipped" };
  const original = { id: vm.id, node: vm.node, vmid: vm.vmid, name: vm.name };
  const storage = await getBackupStorage({ id: backup.storageId });
  // A directory storage is local to the node that wrote the backup; PBS is reachable from any node.
  const node = storage?.type === "pbs" ? original.node : backup.node;
  let started: number | null = null;
  try {
    const status = await client.qemu.status(original.node, original.vmid);
    if (status.status === "running" || status.qmpstatus === "paused") {
      await updateVm({ id: vm.id, stateDetail: message("progress.restoringStopping") });
      await client.tasks.wait(await client.qemu.power(original.node, original.vmid, "stop"), {
        deadlineMs: 180_000,
      });
      await updateVm({ id: vm.id, state: "stopped" });
      await recordVmEvent({
        vmId: vm.id,
        kind: "stopped",
        message: message("timeline.stoppedForRestore"),
        actor,
      });
    }
    const safety = await takeSafetyBackup({ vmId: vm.id, storageId: backup.storageId, actor });
    await recordVmEvent({
      vmId: vm.id,
      kind: "restore",
      message: safety.message,
      actor,
      detail: { backupId: safety.backupId },
    });
    await updateVm({ id: vm.id, stateDetail: message("progress.restoringFromBackup"), progress: 0 });
    await publishVmChange(vm.id);
    const owner = await getUserById({ id: vm.ownerId });
    const pool = vm.pool ?? poolFor(owner?.username ?? vm.ownerId);
    let vmid = await freeVmid(client);
    for (let attempt = 1; ; attempt++) {
      try {
        const upid = await client.backups.restore(node, {
          vmid,
          archive: backup.volid,
          pool,
          overrides: { name: vm.name },
        });
        started = vmid;
        await follow(client, vm.id, upid);
        break;
      } catch (error) {
        if (!lostVmidRace(error) || attempt >= ID_ATTEMPTS) throw error;
        vmid = await freeVmid(client, vmid + 1);
      }
    }
    await removeVmWeMade(client, original);
    client.resources.noteGuestMade({ vmid, node, name: vm.name });
    const restored = await updateVm({
      id: vm.id,
      vmid,
      node,
      pool,
      state: "stopped",
      stateDetail: null,
      progress: null,
      cores: backup.cores,
      memoryMb: backup.memoryMb,
      diskGb: backup.diskGb,
      // The restored disks carry no snapshots.
      snapshotCount: 0,
    });
    if (restored) await emitVmRestored(restored, { backupId: backup.id, into: "in-place" });
    await recordVmEvent({
      vmId: vm.id,
      kind: "restore",
      message: message("timeline.restored"),
      actor,
      detail: { backupId: backup.id, vmid, replacedVmid: original.vmid },
    });
    return { state: "restored", vmid };
  } catch (error) {
    log.warn({ err: error, backupId: backup.id, vmId: vm.id }, "restore in place failed");
    const left = started === null ? null : await removeLeftovers(client, node, started);
    const reason = proxmoxReason(error);
    await updateVm({ id: vm.id, stateDetail: null, progress: null, ...before });
    await recordVmEvent({
      vmId: vm.id,
      kind: "failed",
      message: message("timeline.restoreFailedUnchanged", { reason: left ? `${reason} ${left}` : reason }),
      actor,
      detail: { backupId: backup.id, leftVmid: left ? started : null },
    });
    return { state: "failed", error: reason };
  }
}
