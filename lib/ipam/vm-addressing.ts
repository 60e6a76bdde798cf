import "server-only";
import { getActiveAddressOfVm } from "@/db/queries/ip-addresses";
import type { VmAddressing } from "./cloud-init-network";

/** The VM's pool address, name and network settings, or null when its network has no pool. */
export async function getVmAddressing(vmId: string): Promise<(VmAddressing & { fqdn: string }) | null> {
  const found = await getActiveAddressOfVm({ vmId });
  if (!found) return null;
  const { lease, pool } = found;
  return {
    address: lease.address,
    hostname: lease.hostname,
    fqdn: `${lease.hostname}.${pool.domain}`,
    pool: { cidr: pool.cidr, gateway: pool.gateway, dnsServers: pool.dnsServers, domain: pool.domain },
  };
}
