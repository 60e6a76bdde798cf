/** IPv4 addresses as unsigned 32-bit numbers, so ranges can be walked and compared. */

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const dotted = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`);

export function isIpv4(text: string): boolean {
  return dotted.test(text);
}

export function parseIpv4(text: string): number {
  if (!isIpv4(text)) throw new Error(`"${text}" is not an IPv4 address`);
  return text.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface Subnet {
  /** The network address, as a number. */
  network: number;
  prefix: number;
  /** Number of addresses in the subnet, the network and broadcast addresses included. */
  size: number;
}

/** `10.20.0.0/24`; the address must be the subnet's own network address. */
export function parseCidr(text: string): Subnet | null {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match || !isIpv4(match[1]!)) return null;
  const prefix = Number(match[2]);
  if (prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const network = parseIpv4(match[1]!);
  if (network % size !== 0) return null;
  return { network, prefix, size };
}

export function formatCidr(subnet: Subnet): string {
  return `${formatIpv4(subnet.network)}/${subnet.prefix}`;
}

export function contains(subnet: Subnet, address: number): boolean {
  return address >= subnet.network && address < subnet.network + subnet.size;
}

/** The addresses a host may use: all but the network and broadcast addresses (both usable in /31 and /32). */
export function isHostAddress(subnet: Subnet, address: number): boolean {
  if (!contains(subnet, address)) return false;
  if (subnet.prefix >= 31) return true;
  return address !== subnet.network && address !== subnet.network + subnet.size - 1;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}
