import "server-only";
import { getDb } from "@/db/client";
import { listActiveAddresses } from "@/db/queries/ip-addresses";
import {
  deletePool,
  findPoolClash,
  insertPool,
  listPools,
  lockPool,
  updatePool,
} from "@/db/queries/ip-pools";
import { getNetworkById } from "@/db/queries/networks";
import type { IpPool } from "@/db/schema";
import { conflict, notFound } from "@/lib/errors";
import { overlaps, parseCidr } from "./ipv4";
import { isAllocatable } from "./pool-addresses";
import type { PoolDefinition } from "./pool-definition";

async function checkAgainstOtherPools(definition: PoolDefinition, id?: string) {
  const network = await getNetworkById({ id: definition.networkId });
  if (!network) throw notFound("That network does not exist.");
  const clash = await findPoolClash({ id, networkId: definition.networkId, domain: definition.domain });
  if (clash?.networkId === definition.networkId) throw conflict(`${network.label} already has a pool.`);
  if (clash) throw conflict(`Another pool already uses the domain ${definition.domain}.`);
  const subnet = parseCidr(definition.cidr)!;
  const overlapping = (await listPools()).find(
    (other) => other.id !== id && overlaps(subnet, parseCidr(other.cidr)!),
  );
  // One subnet in two pools would give one address to two VMs, and two PTR records to one address.
  if (overlapping)
    throw conflict(`${definition.cidr} overlaps ${overlapping.cidr} of ${overlapping.network.label}.`);
}

export async function createPool(definition: PoolDefinition): Promise<IpPool> {
  await checkAgainstOtherPools(definition);
  return insertPool(definition);
}

/** Changes a pool; the addresses its VMs have must stay inside what it hands out. */
export async function changePool(id: string, definition: PoolDefinition): Promise<IpPool> {
  await checkAgainstOtherPools(definition, id);
  return getDb().transaction(async (tx) => {
    const current = await lockPool({ id }, tx);
    if (!current) throw notFound("That pool does not exist.");
    if (current.networkId !== definition.networkId)
      throw conflict("A pool stays on its network; remove it and add a new one instead.");
    const stranded = (await listActiveAddresses({ poolId: id }, tx)).filter(
      (lease) => !isAllocatable(definition, lease.address),
    );
    if (stranded.length > 0)
      throw conflict(
        `VMs use ${stranded.map((lease) => lease.address).join(", ")}, outside the new range; widen it or delete those VMs first.`,
      );
    return (await updatePool({ id, ...definition }, tx))!;
  });
}

/** Removes a pool no VM has an address from; its network goes back to plain DHCP. */
export async function removePool(id: string): Promise<IpPool> {
  return getDb().transaction(async (tx) => {
    const current = await lockPool({ id }, tx);
    if (!current) throw notFound("That pool does not exist.");
    const active = await listActiveAddresses({ poolId: id }, tx);
    if (active.length > 0)
      throw conflict(
        `${active.length} VM${active.length === 1 ? " has an address" : "s have addresses"} from this pool; delete ${active.length === 1 ? "it" : "them"} first.`,
      );
    return (await deletePool({ id }, tx))!;
  });
}
