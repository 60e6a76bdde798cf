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
import { message } from "@/lib/i18n/message";
import { overlaps, parseCidr } from "./ipv4";
import { isAllocatable } from "./pool-addresses";
import type { PoolDefinition } from "./pool-definition";

async function checkAgainstOtherPools(definition: PoolDefinition, id?: string) {
  const network = await getNetworkById({ id: definition.networkId });
  if (!network) throw notFound(message("errors.ipam.noSuchNetwork"));
  const clash = await findPoolClash({ id, networkId: definition.networkId, domain: definition.domain });
  if (clash?.networkId === definition.networkId)
    throw conflict(message("errors.ipam.networkHasPool", { network: network.label }));
  if (clash) throw conflict(message("errors.ipam.domainTaken", { domain: definition.domain }));
  const subnet = parseCidr(definition.cidr)!;
  const overlapping = (await listPools()).find(
    (other) => other.id !== id && overlaps(subnet, parseCidr(other.cidr)!),
  );
  // One subnet in two pools would give one address to two VMs, and two PTR records to one address.
  if (overlapping)
    throw conflict(
      message("errors.ipam.overlap", {
        cidr: definition.cidr,
        otherCidr: overlapping.cidr,
        network: overlapping.network.label,
      }),
    );
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
    if (!current) throw notFound(message("errors.ipam.noSuchPool"));
    if (current.networkId !== definition.networkId) throw conflict(message("errors.ipam.networkFixed"));
    const stranded = (await listActiveAddresses({ poolId: id }, tx)).filter(
      (lease) => !isAllocatable(definition, lease.address),
    );
    if (stranded.length > 0)
      throw conflict(
        message("errors.ipam.addressesStranded", {
          addresses: stranded.map((lease) => lease.address).join(", "),
        }),
      );
    return (await updatePool({ id, ...definition }, tx))!;
  });
}

/** Removes a pool no VM has an address from; its network goes back to plain DHCP. */
export async function removePool(id: string): Promise<IpPool> {
  return getDb().transaction(async (tx) => {
    const current = await lockPool({ id }, tx);
    if (!current) throw notFound(message("errors.ipam.noSuchPool"));
    const active = await listActiveAddresses({ poolId: id }, tx);
    if (active.length > 0) throw conflict(message("errors.ipam.poolInUse", { count: active.length }));
    return (await deletePool({ id }, tx))!;
  });
}
