import "server-only";
import type { Executor } from "@/db/client";
import { releaseAddressesOfVm } from "@/db/queries/ip-addresses";

/**
 * Gives back the VM's address once the VM is gone (deleted, failed, removed outside Roost). It rests for
 * the cool-down (`ipam.cooldownMinutes`) first, so stale DNS and ARP caches do not point a newcomer at it.
 */
export async function releaseVmAddress(vmId: string, db?: Executor): Promise<string[]> {
  const released = await releaseAddressesOfVm({ vmId }, db);
  return released.map((lease) => lease.address);
}
