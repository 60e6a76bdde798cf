import { formatIpv4, isHostAddress, parseCidr, parseIpv4 } from "./ipv4";

/** What the allocator needs to know of a pool. */
export interface PoolRange {
  cidr: string;
  gateway: string | null;
  rangeStart: string;
  rangeEnd: string;
}

function* allocatable(pool: PoolRange): Generator<number> {
  const subnet = parseCidr(pool.cidr);
  if (!subnet) return;
  const gateway = pool.gateway ? parseIpv4(pool.gateway) : null;
  const end = parseIpv4(pool.rangeEnd);
  for (let address = parseIpv4(pool.rangeStart); address <= end; address++) {
    if (address !== gateway && isHostAddress(subnet, address)) yield address;
  }
}

/** How many addresses the pool can hand out at once. */
export function allocatableCount(pool: PoolRange): number {
  let count = 0;
  for (const _ of allocatable(pool)) count++;
  return count;
}

/** The lowest address of the range that is not taken, or null when the pool is full. */
export function lowestFreeAddress(pool: PoolRange, taken: Iterable<string>): string | null {
  const busy = new Set(taken);
  for (const address of allocatable(pool)) {
    const text = formatIpv4(address);
    if (!busy.has(text)) return text;
  }
  return null;
}

/** Whether an address is one this pool hands out (an edited range must still hold the addresses in use). */
export function isAllocatable(pool: PoolRange, address: string): boolean {
  const subnet = parseCidr(pool.cidr);
  if (!subnet) return false;
  const value = parseIpv4(address);
  return (
    value >= parseIpv4(pool.rangeStart) &&
    value <= parseIpv4(pool.rangeEnd) &&
    isHostAddress(subnet, value) &&
    address !== pool.gateway
  );
}

export function prefixLength(pool: Pick<PoolRange, "cidr">): number {
  return parseCidr(pool.cidr)?.prefix ?? 32;
}
