import "server-only";
import { hasActiveJobForVm } from "@/db/queries/jobs";
import { listVmsInState } from "@/db/queries/vm-state";
import { systemActor } from "@/lib/audit/record-audit-event";
import { seedDemoCatalog } from "@/lib/catalog/seed-demo-catalog";
import type { Config } from "@/lib/config";
import { log } from "@/lib/log";
import { abandonProvisioning } from "@/lib/vms/provision-vm";
import { getProxmoxClient } from "./client-registry";
import { clusterFromConfig, registerConfiguredCluster } from "./configured-cluster";

/** At start: record the configured cluster and, in demo mode, approve its templates. Never blocks start. */
export async function prepareCluster(config: Config): Promise<void> {
  const cluster = clusterFromConfig(config);
  if (!cluster) {
    log.warn("no Proxmox VE cluster configured (PVE_API_URLS); members cannot create VMs");
    return;
  }
  await registerConfiguredCluster(cluster);
  // VMs whose provisioning has no job to resume it were cut off by a restart; jobs resume the others.
  for (const vm of await listVmsInState({ state: "provisioning" })) {
    if (config.jobs === "inngest" || (await hasActiveJobForVm({ functionId: "provision-vm", vmId: vm.id })))
      continue;
    await abandonProvisioning(getProxmoxClient(vm.clusterId), vm, systemActor).catch((error: unknown) =>
      log.error({ err: error, vmId: vm.id }, "could not clean up an interrupted provisioning"),
    );
  }
  if (!config.demo) return;
  try {
    const seeded = await seedDemoCatalog(cluster.id, getProxmoxClient(cluster.id));
    if (seeded) log.info({ templates: seeded }, "approved the demo cluster's templates");
  } catch (error) {
    log.warn(
      { err: { message: (error as Error).message } },
      "could not read the demo cluster's templates yet",
    );
  }
}
