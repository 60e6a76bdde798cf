import { formatIpv4, parseCidr, parseIpv4 } from "./ipv4";

/** One address in use, as the exports see it. */
export interface ExportLease {
  address: string;
  hostname: string;
  /** Null until provisioning has read it from the VM's config; DHCP exports leave such VMs out. */
  macAddress: string | null;
}

/** A pool and its addresses in use, everything the DHCP and DNS exports are rendered from. */
export interface ExportPool {
  cidr: string;
  domain: string;
  dnsServers: string[];
  /** The zones' SOA serial: when the pool or its addresses last changed, in seconds since 1970. */
  serial: number;
  leases: ExportLease[];
}

export function byAddress(a: { address: string }, b: { address: string }): number {
  return parseIpv4(a.address) - parseIpv4(b.address);
}

/** The in-addr.arpa zone holding a pool's PTR records: the subnet rounded out to whole octets. */
export function reverseZoneOf(cidr: string): string {
  const subnet = parseCidr(cidr);
  if (!subnet) throw new Error(`"${cidr}" is not a subnet`);
  const octets = formatIpv4(subnet.network)
    .split(".")
    .slice(0, Math.floor(subnet.prefix / 8));
  return [...octets.reverse(), "in-addr", "arpa"].join(".");
}

/** An address's owner name inside its reverse zone: the octets the zone name leaves out, reversed. */
export function ptrNameIn(zone: string, address: string): string {
  const zoneOctets = zone.split(".").length - 2;
  return address.split(".").slice(zoneOctets).reverse().join(".");
}
