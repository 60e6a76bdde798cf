import { approveBackupStorage } from "@/lib/backups/backup-storages";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { backupStorageGrant, backupVmsGrant } from "@/lib/proxmox/portal-access";
import { applyPveum } from "@/lib/proxmox/pveum";
import { createTestVm } from "./fixtures";
import type { TestCluster } from "./pve-sim";

/** The guide's RoostBackup grants (on `pbs`, `local` and `/vms`), and both storages approved for backups. */
export async function approveSimBackupStorages(cluster: TestCluster) {
  const [userid, tokenName] = cluster.tokenId.split("!") as [string, string];
  for (const storage of ["pbs", "local"])
    await applyPveum(cluster.admin.access, backupStorageGrant({ userid, tokenName }, storage));
  await applyPveum(cluster.admin.access, backupVmsGrant({ userid, tokenName }));
  const pbs = await approveBackupStorage({
    clusterId: "sim",
    storage: "pbs",
    label: "Backup server",
    modes: ["snapshot", "stop"],
    compress: "zstd",
    enabled: true,
  });
  const local = await approveBackupStorage({
    clusterId: "sim",
    storage: "local",
    label: "Local disk",
    modes: ["snapshot", "suspend", "stop"],
    compress: "zstd",
    enabled: true,
  });
  return { pbs, local };
}

/** A VM of the portal's making on the simulator (a clone of template 9000 in the owner's pool), recorded. */
export async function makePortalVm(
  cluster: TestCluster,
  owner: { id: string; username: string },
  name: string,
  diskGb = 3,
) {
  const vmid = await cluster.admin.nextVmid();
  const pool = `roost-${owner.username}`;
  await cluster.admin.createPool(pool).catch(() => {});
  await cluster.admin.tasks.wait(
    await cluster.admin.qemu.clone("pve1", 9000, { newid: vmid, name, pool, full: true }),
  );
  await cluster.admin.qemu.updateConfig("pve1", vmid, { tags: "roost" });
  return createTestVm({
    clusterId: "sim",
    ownerId: owner.id,
    name,
    vmid,
    node: "pve1",
    pool,
    state: "stopped",
    diskGb,
  });
}

/** Runs the queued event jobs (backups, restores) to the end; cron jobs are left to their tests. */
export function runQueuedJobs() {
  const runner = createEmbeddedRunner({
    jobs: allJobs.filter((job) => "event" in job.trigger),
    pollIntervalMs: 20,
  });
  return runner.runUntilIdle();
}
