import "server-only";
import { listClusters } from "@/db/queries/clusters";
import { getUserById } from "@/db/queries/users";
import { findLiveVmByName, findLiveVmByVmid, insertVm, listLiveVmKeys } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { initialLeaseEnd } from "@/lib/leases/lease-dates";
import { getSetting } from "@/lib/settings/settings";
import { ROOST_TAG, tagsOf } from "./vm-identity";
import { recordVmEvent } from "./vm-timeline";

const GiB = 1024 ** 3;

export interface AdoptableVm {
  clusterId: string;
  vmid: number;
  name: string;
  node: string;
  status: string;
  pool: string | null;
}

/** VMs on the clusters that the portal does not record, outside ignored pools, templates left out. */
export async function listAdoptableVms(): Promise<{ vms: AdoptableVm[]; unreachable: string[] }> {
  const [known, clusterRows, ignored] = await Promise.all([
    listLiveVmKeys(),
    listClusters(),
    getSetting("pools.ignored"),
  ]);
  const recorded = new Set(known.map((row) => `${row.clusterId}/${row.vmid}`));
  const found: AdoptableVm[] = [];
  const unreachable: string[] = [];
  for (const { id } of clusterRows.filter((cluster) => cluster.enabled)) {
    try {
      for (const item of await (await getProxmoxClient(id)).resources.get()) {
        if (item.type !== "qemu" || item.template || item.vmid === undefined || !item.node) continue;
        if (recorded.has(`${id}/${item.vmid}`) || (item.pool && ignored.includes(item.pool))) continue;
        found.push({
          clusterId: id,
          vmid: item.vmid,
          name: item.name ?? `vm-${item.vmid}`,
          node: item.node,
          status: item.status ?? "unknown",
          pool: item.pool ?? null,
        });
      }
    } catch {
      unreachable.push(id);
    }
  }
  return { vms: found.sort((a, b) => a.vmid - b.vmid), unreachable };
}

/**
 * Brings an existing Proxmox VM into the portal under an owner, with a fresh lease. On Proxmox it only gets
 * the portal's tag (and its name, if it had none): every removal checks both before it deletes anything.
 */
export async function adoptVm(
  { clusterId, vmid, ownerId }: { clusterId: string; vmid: number; ownerId: string },
  actor: AuditActor,
) {
  const owner = await getUserById({ id: ownerId });
  if (!owner || owner.disabled) throw invalid(message("errors.vm.pickOwner"), "ownerId");
  const client = await getProxmoxClient(clusterId);
  const resources = await client.resources.get({ maxAgeMs: 0 });
  const item = resources.find((resource) => resource.type === "qemu" && resource.vmid === vmid);
  if (!item?.node || item.template) throw notFound(message("errors.vm.noSuchGuest", { vmid: String(vmid) }));
  const ignored = await getSetting("pools.ignored");
  if (item.pool && ignored.includes(item.pool))
    throw conflict(message("errors.vm.ignoredPool", { vmid: String(vmid), pool: item.pool }));
  const already = await findLiveVmByVmid({ clusterId, vmid });
  if (already) throw conflict(message("errors.vm.adoptedAlready", { vmid: String(vmid) }));
  const name = (item.name ?? `vm-${vmid}`).toLowerCase();
  if (await findLiveVmByName({ ownerId, name }))
    throw conflict(message("errors.vm.nameTaken", { owner: owner.name ?? owner.username ?? "", name }));
  const tags = tagsOf(item.tags);
  const marks = {
    ...(tags.includes(ROOST_TAG) ? {} : { tags: [...tags, ROOST_TAG].join(";") }),
    ...(item.name ? {} : { name }),
  };
  if (Object.keys(marks).length) await client.qemu.updateConfig(item.node, vmid, marks);
  const vm = await insertVm({
    clusterId,
    ownerId,
    name,
    vmid,
    node: item.node,
    pool: item.pool ?? null,
    state: item.status === "running" ? "running" : "stopped",
    cores: Math.max(1, Math.round(item.maxcpu ?? 1)),
    memoryMb: Math.round((item.maxmem ?? 0) / 1024 ** 2),
    diskGb: Math.round((item.maxdisk ?? 0) / GiB),
    leaseExpiresAt: initialLeaseEnd(await getSetting("lease.policy")),
  });
  await recordVmEvent({
    vmId: vm.id,
    kind: "created",
    message: message("timeline.adopted", { vmid: String(vmid), node: item.node }),
    actor,
  });
  return vm;
}
