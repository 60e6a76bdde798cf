import { prefixLength } from "./pool-addresses";

export interface VmAddressing {
  address: string;
  hostname: string;
  pool: { cidr: string; gateway: string | null; dnsServers: string[]; domain: string };
}

/** The cloud-init network settings of a VM: its static address from a pool, or plain DHCP without one. */
export function cloudInitNetwork(addressing: VmAddressing | null): Record<string, string> {
  if (!addressing) return { ipconfig0: "ip=dhcp" };
  const { address, pool } = addressing;
  const gateway = pool.gateway ? `,gw=${pool.gateway}` : "";
  return {
    ipconfig0: `ip=${address}/${prefixLength(pool)}${gateway}`,
    ...(pool.dnsServers.length ? { nameserver: pool.dnsServers.join(" ") } : {}),
    searchdomain: pool.domain,
  };
}
