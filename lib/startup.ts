import "server-only";
import { listClusters } from "@/db/queries/clusters";
import { hasActiveCohortBatch, hasActiveJobForVm } from "@/db/queries/jobs";
import { listVmsInState } from "@/db/queries/vms";
import { systemActor } from "@/lib/audit/record-audit-event";
import { seedDemoCatalog } from "@/lib/catalog/seed-demo-catalog";
import { getProxmoxClient, listConfiguredClusters } from "@/lib/clusters/client-registry";
import { clusterFromConfig, registerConfiguredCluster } from "@/lib/clusters/configured-cluster";
import { clusterPrivilegeReport, describeMissing } from "@/lib/clusters/privilege-report";
import { openTokenSecret } from "@/lib/clusters/stored-cluster";
import type { Config } from "@/lib/config";
import { log } from "@/lib/log";
import { seedDemoProject } from "@/lib/projects/seed-demo-project";
import { abandonProvisioning } from "@/lib/vms/fail-provisioning";

/** Stored secrets are useless without the key; say so at start rather than at the first VM action. */
async function checkSecretKey(config: Config): Promise<void> {
  const stored = (await listClusters()).filter((row) => row.tokenSecretEncrypted);
  if (stored.length === 0) return;
  try {
    openTokenSecret(config, stored[0]!);
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, "cannot read the stored clusters' secrets");
  }
}

/** Logs, per cluster, every privilege its token lacks, with the commands that grant it; never throws. */
async function logMissingPrivileges(): Promise<void> {
  for (const { id, client } of await listConfiguredClusters().catch(() => [])) {
    try {
      const lines = describeMissing(await clusterPrivilegeReport(id, await client()));
      for (const line of lines) log.warn({ cluster: id }, `Proxmox privileges: ${line}`);
    } catch (error) {
      log.warn(
        { cluster: id, err: { message: (error as Error).message } },
        "could not check the token's privileges",
      );
    }
  }
}

/**
 * At start: record the environment's cluster, check the stored ones' key and, in demo mode, approve the
 * environment cluster's templates. Never blocks start.
 */
export async function prepareAtStart(config: Config): Promise<void> {
  const cluster = clusterFromConfig(config);
  if (cluster) await registerConfiguredCluster(cluster);
  else log.warn("no Proxmox VE cluster in the environment (PVE_API_URLS); only clusters added by admins");
  await checkSecretKey(config);
  // VMs whose provisioning has no job to resume it were cut off by a restart; jobs resume the others.
  for (const vm of await listVmsInState({ state: "provisioning" })) {
    if (config.jobs === "inngest") continue;
    const functionId = vm.isoId ? "provision-iso-vm" : "provision-vm";
    if (await hasActiveJobForVm({ functionId, vmId: vm.id })) continue;
    // A class's VMs are made by its batch, which resumes them.
    if (vm.cohortId && (await hasActiveCohortBatch({ cohortId: vm.cohortId }))) continue;
    await getProxmoxClient(vm.clusterId)
      .then((client) => abandonProvisioning(client, vm, systemActor))
      .catch((error: unknown) =>
        log.error({ err: error, vmId: vm.id }, "could not clean up an interrupted provisioning"),
      );
  }
  if (config.demo && (await seedDemoProject())) log.info("made the demo's Robotics lab project");
  if (config.demo && cluster) {
    try {
      const seeded = await seedDemoCatalog(cluster.id, await getProxmoxClient(cluster.id));
      if (seeded) log.info({ templates: seeded }, "approved the demo cluster's templates");
    } catch (error) {
      log.warn(
        { err: { message: (error as Error).message } },
        "could not read the demo cluster's templates yet",
      );
    }
  }
  // In the background: an unreachable cluster must not hold the start up.
  void logMissingPrivileges();
}
