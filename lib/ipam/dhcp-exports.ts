import { byAddress, type ExportPool } from "./export-model";

const withMac = (pool: ExportPool) =>
  [...pool.leases]
    .sort(byAddress)
    .filter((lease): lease is typeof lease & { macAddress: string } => Boolean(lease.macAddress));

/** dnsmasq `dhcp-host` lines, to include from its configuration (conf-file= or conf-dir=). */
export function renderDnsmasqHosts(pools: ExportPool[]): string {
  const lines = ["# DHCP reservations written by Roost from its IP pools; edit the pools, not this file."];
  for (const pool of pools) {
    lines.push(`# ${pool.domain} (${pool.cidr})`);
    for (const lease of withMac(pool))
      lines.push(`dhcp-host=${lease.macAddress.toLowerCase()},${lease.address},${lease.hostname}`);
  }
  return `${lines.join("\n")}\n`;
}

/** ISC Kea DHCPv4 host reservations, one entry per subnet, to merge into `Dhcp4.subnet4`. */
export function renderKeaReservations(pools: ExportPool[]) {
  return {
    subnet4: pools.map((pool) => ({
      subnet: pool.cidr,
      reservations: withMac(pool).map((lease) => ({
        "hw-address": lease.macAddress.toLowerCase(),
        "ip-address": lease.address,
        hostname: `${lease.hostname}.${pool.domain}`,
      })),
    })),
  };
}

/** An /etc/hosts fragment: every address in use with its full and short name. */
export function renderHostsFile(pools: ExportPool[]): string {
  const lines = ["# Written by Roost from its IP pools; edit the pools, not this file."];
  for (const pool of pools)
    for (const lease of [...pool.leases].sort(byAddress))
      lines.push(`${lease.address}\t${lease.hostname}.${pool.domain}\t${lease.hostname}`);
  return `${lines.join("\n")}\n`;
}
