import { BlockList, isIPv4, isIPv6 } from "node:net";

export interface AddressRange {
  /** How a refusal names the range. */
  label: string;
  /** Whether an admin's "allow private addresses" lets deliveries go there. */
  allowedWithPrivate: boolean;
  list: BlockList;
}

function range(label: string, allowedWithPrivate: boolean, subnets: [string, number][]): AddressRange {
  const list = new BlockList();
  for (const [network, prefix] of subnets) list.addSubnet(network, prefix, isIPv6(network) ? "ipv6" : "ipv4");
  return { label, allowedWithPrivate, list };
}

// Checked in order: the cloud metadata service sits inside link-local and must be named first.
const ranges: AddressRange[] = [
  range("the cloud metadata service", false, [
    ["169.254.169.254", 32],
    ["fd00:ec2::254", 128],
  ]),
  range("an unspecified address (it reaches this host)", false, [
    ["0.0.0.0", 8],
    ["::", 128],
  ]),
  range("a multicast or reserved address", false, [
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
    ["ff00::", 8],
  ]),
  range("a loopback address", true, [
    ["127.0.0.0", 8],
    ["::1", 128],
  ]),
  range("a private address (RFC 1918)", true, [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
  ]),
  range("a link-local address", true, [
    ["169.254.0.0", 16],
    ["fe80::", 10],
  ]),
  range("a carrier-grade NAT address (RFC 6598)", true, [["100.64.0.0", 10]]),
  range("a unique-local IPv6 address", true, [["fc00::", 7]]),
  range("a special-purpose address", true, [
    ["192.0.0.0", 24],
    ["198.18.0.0", 15],
  ]),
];

/**
 * The IPv4 address an IPv6 one stands for, when it is IPv4-mapped (::ffff:a.b.c.d) or NAT64
 * (64:ff9b::a.b.c.d): both reach the IPv4 host, so they are judged as it is.
 */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (!mapped && !nat64) return null;
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail, ...rest] = text.split("::");
  if (rest.length > 0) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((g) => Number.parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/** The range a resolved address falls in, or null for an ordinary public unicast address. */
export function classifyAddress(address: string): AddressRange | null {
  const v4 = isIPv4(address) ? address : embeddedIpv4(address);
  for (const entry of ranges) {
    if (v4 ? entry.list.check(v4, "ipv4") : entry.list.check(address, "ipv6")) return entry;
  }
  return null;
}
