import "server-only";
import { listBackupStorages } from "@/db/queries/backups";
import { listEnabledIsos } from "@/db/queries/isos";
import { listEnabledNetworks } from "@/db/queries/networks";
import { listEnabledTemplates } from "@/db/queries/templates";
import type { ProxmoxClient } from "@/lib/proxmox";
import { checkPortalPrivileges, type PrivilegeReport } from "@/lib/proxmox/check-privileges";
import { formatPveum } from "@/lib/proxmox/pveum";
import { getSetting } from "@/lib/settings/settings";

/** What admins approved on a cluster, as paths the portal's token needs privileges on. */
async function approvedPaths(clusterId: string) {
  const [templates, networks, isos, storages, hardware, backupStorages] = await Promise.all([
    listEnabledTemplates(),
    listEnabledNetworks(),
    listEnabledIsos(),
    getSetting("catalog.storages"),
    getSetting("vm.hardware"),
    listBackupStorages({ clusterId, enabledOnly: true }),
  ]);
  const approvedStorages = storages
    .filter((entry) => entry.clusterId === clusterId)
    .map((entry) => entry.storage);
  const isoStorages = isos
    .filter((iso) => iso.clusterId === clusterId)
    .map((iso) => iso.volid.split(":")[0]!);
  return {
    templateVmids: templates.filter((template) => template.clusterId === clusterId).map((t) => t.vmid),
    networks: networks
      .filter((network) => network.clusterId === clusterId)
      .map(({ bridge, vlan }) => ({ bridge, vlan })),
    storages: [
      ...new Set([...(approvedStorages.length ? approvedStorages : [hardware.diskStorage]), ...isoStorages]),
    ],
    backupStorages: backupStorages.map((storage) => storage.storage),
  };
}

/** The token's privileges on this cluster against what its approved catalog needs. */
export async function clusterPrivilegeReport(
  clusterId: string,
  client: ProxmoxClient,
): Promise<PrivilegeReport> {
  return checkPortalPrivileges(client, await approvedPaths(clusterId));
}

const cache = new Map<string, { at: number; report: Promise<PrivilegeReport> }>();
const CACHE_MS = 60_000;

/** The same, asked at most once a minute per cluster: readiness probes come every few seconds. */
export function cachedPrivilegeReport(clusterId: string, client: ProxmoxClient): Promise<PrivilegeReport> {
  const hit = cache.get(clusterId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.report;
  const report = clusterPrivilegeReport(clusterId, client);
  cache.set(clusterId, { at: Date.now(), report });
  report.catch(() => cache.delete(clusterId));
  return report;
}

/** One line an operator can act on: the feature, the path, the privileges and the commands that grant them. */
export function describeMissing(report: PrivilegeReport): string[] {
  return report.missing.map(
    (gap) =>
      `${gap.feature}: missing ${gap.missing.join(", ")} on ${gap.path} — run: ${gap.fix.map(formatPveum).join(" && ")}`,
  );
}
