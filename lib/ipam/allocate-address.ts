import "server-only";
import type { Executor } from "@/db/client";
import { findActiveHostname, insertAddress, listBusyAddresses } from "@/db/queries/ip-addresses";
import { lockPoolOfNetwork } from "@/db/queries/ip-pools";
import type { IpAddress, IpPool } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { getSetting } from "@/lib/settings/settings";
import { RESERVED_HOSTNAMES } from "./hostnames";
import { allocatableCount, lowestFreeAddress } from "./pool-addresses";

/** Why a VM cannot have an address on the network it asked for, in words its owner can act on. */
export class AddressUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly field: "name" | "networkId",
  ) {
    super("invalid", message, { fieldErrors: { [field]: [message] } });
    this.name = "AddressUnavailableError";
  }
}

/** The moment before which released addresses have rested long enough to be given again. */
export async function restingSince(now: Date, db?: Executor): Promise<Date> {
  const minutes = await getSetting("ipam.cooldownMinutes", db);
  return new Date(now.getTime() - minutes * 60_000);
}

/**
 * Gives the VM the lowest free address of its network's pool, inside the caller's transaction (the VM's
 * reservation), so a full pool stops the request before anything is made. Null when the network has no
 * pool: it keeps plain DHCP. The pool's row lock makes allocations take turns; the unique index backs it.
 */
export async function allocateAddress(
  {
    networkId,
    networkLabel,
    vmId,
    hostname,
  }: { networkId: string; networkLabel: string; vmId: string; hostname: string },
  tx: Executor,
): Promise<{ lease: IpAddress; pool: IpPool } | null> {
  const pool = await lockPoolOfNetwork({ networkId }, tx);
  if (!pool) return null;
  if (RESERVED_HOSTNAMES.includes(hostname))
    throw new AddressUnavailableError(message("errors.ipam.nameReserved", { hostname }), "name");
  if (await findActiveHostname({ poolId: pool.id, hostname }, tx))
    throw new AddressUnavailableError(
      message("errors.ipam.nameTaken", { name: `${hostname}.${pool.domain}`, network: networkLabel }),
      "name",
    );
  const busy = await listBusyAddresses(
    { poolId: pool.id, restingSince: await restingSince(new Date(), tx) },
    tx,
  );
  const address = lowestFreeAddress(pool, busy);
  if (!address)
    throw new AddressUnavailableError(
      message("errors.ipam.poolFull", { network: networkLabel, count: allocatableCount(pool) }),
      "networkId",
    );
  const lease = await insertAddress({ poolId: pool.id, address, hostname, vmId }, tx);
  return { lease, pool };
}
