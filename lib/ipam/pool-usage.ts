import "server-only";
import { countPoolUsage, listPools, type PoolWithNetwork } from "@/db/queries/ip-pools";
import { restingSince } from "./allocate-address";
import { allocatableCount } from "./pool-addresses";

export interface PoolUsage {
  /** Addresses VMs have now. */
  used: number;
  /** Released, but still in their cool-down. */
  resting: number;
  total: number;
}

/** Every pool with how full it is. */
export async function listPoolsWithUsage(): Promise<(PoolWithNetwork & { usage: PoolUsage })[]> {
  const [pools, counts] = await Promise.all([
    listPools(),
    restingSince(new Date()).then((since) => countPoolUsage({ restingSince: since })),
  ]);
  return pools.map((pool) => {
    const count = counts.get(pool.id) ?? { active: 0, resting: 0 };
    return { ...pool, usage: { used: count.active, resting: count.resting, total: allocatableCount(pool) } };
  });
}
