import "server-only";
import { listActiveAddressesForExport, listAddressChangeTimes } from "@/db/queries/ip-addresses";
import { listPools } from "@/db/queries/ip-pools";
import type { ExportPool } from "./export-model";

/** Every pool with its addresses in use, ready for the DHCP and DNS renderers. */
export async function loadExportPools(): Promise<ExportPool[]> {
  const [pools, leases, changes] = await Promise.all([
    listPools(),
    listActiveAddressesForExport(),
    listAddressChangeTimes(),
  ]);
  return pools.map((pool) => {
    const changed = Math.max(pool.updatedAt.getTime(), changes.get(pool.id)?.getTime() ?? 0);
    return {
      cidr: pool.cidr,
      domain: pool.domain,
      dnsServers: pool.dnsServers,
      serial: Math.floor(changed / 1000),
      leases: leases
        .filter((lease) => lease.poolId === pool.id)
        .map(({ address, hostname, macAddress }) => ({ address, hostname, macAddress })),
    };
  });
}
