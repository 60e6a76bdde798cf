import { byAddress, type ExportPool, ptrNameIn, reverseZoneOf } from "./export-model";

const TTL = 300;

function header(origin: string, pool: ExportPool, serial: number): string[] {
  return [
    `; ${origin.replace(/\.$/, "")}: written by Roost from its IP pools; edit the pools, not this file.`,
    `$ORIGIN ${origin}`,
    `$TTL ${TTL}`,
    `@\tIN\tSOA\tns.${pool.domain}. hostmaster.${pool.domain}. (`,
    `\t\t${serial}\t; serial`,
    "\t\t3600\t; refresh",
    "\t\t600\t; retry",
    "\t\t1209600\t; expire",
    `\t\t${TTL} )\t; negative answers`,
    `@\tIN\tNS\tns.${pool.domain}.`,
  ];
}

/**
 * The forward zone of a pool's domain: the name server (at the pool's first DNS server) and an A record
 * per VM with an address.
 */
export function renderForwardZone(pool: ExportPool): string {
  const lines = header(`${pool.domain}.`, pool, pool.serial);
  if (pool.dnsServers[0]) lines.push(`ns\tIN\tA\t${pool.dnsServers[0]}`);
  for (const lease of [...pool.leases].sort(byAddress))
    lines.push(`${lease.hostname}\tIN\tA\t${lease.address}`);
  return `${lines.join("\n")}\n`;
}

/** The names of every zone the pools make: each pool's domain and each reverse zone. */
export function zoneNames(pools: ExportPool[]): string[] {
  return [
    ...new Set([...pools.map((pool) => pool.domain), ...pools.map((pool) => reverseZoneOf(pool.cidr))]),
  ];
}

/**
 * A reverse zone with a PTR record per address. Pools smaller than the zone (two /25s in one /24) share it;
 * its SOA names the first of them.
 */
export function renderReverseZone(zone: string, pools: ExportPool[]): string | null {
  const members = pools
    .filter((pool) => reverseZoneOf(pool.cidr) === zone)
    .sort((a, b) => a.domain.localeCompare(b.domain));
  const first = members[0];
  if (!first) return null;
  const lines = header(`${zone}.`, first, Math.max(...members.map((pool) => pool.serial)));
  const leases = members
    .flatMap((pool) => pool.leases.map((lease) => ({ ...lease, domain: pool.domain })))
    .sort(byAddress);
  for (const lease of leases)
    lines.push(`${ptrNameIn(zone, lease.address)}\tIN\tPTR\t${lease.hostname}.${lease.domain}.`);
  return `${lines.join("\n")}\n`;
}

/** The zone file of a forward or reverse zone by name, or null when no pool makes it. */
export function renderZone(name: string, pools: ExportPool[]): string | null {
  const forward = pools.find((pool) => pool.domain === name);
  if (forward) return renderForwardZone(forward);
  return renderReverseZone(name, pools);
}
