import "server-only";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { log } from "@/lib/log";
import { provisionIsoVm, type RequestedIsoVm } from "./provision-iso-vm";
import { provisionVm } from "./provision-vm";
import type { RequestedVm } from "./request-vm";

/**
 * Runs provisioning in this process, in the background of the request that asked for it. The password
 * lives only in memory until cloud-init has it.
 */
export function startProvisioning(
  requested: RequestedVm,
  owner: { id: string; label: string; username: string },
): void {
  void (async () => {
    const keys = await listSshKeys({ userId: owner.id });
    const client = getProxmoxClient(requested.vm.clusterId);
    await provisionVm(client, { ...requested, sshKeys: keys.map((key) => key.publicKey), owner });
  })().catch((error: unknown) => log.error({ err: error, vmId: requested.vm.id }, "provisioning crashed"));
}

/** The same for a VM that boots an installer ISO. */
export function startIsoProvisioning(
  requested: RequestedIsoVm,
  owner: { id: string; label: string; username: string },
): void {
  void provisionIsoVm(getProxmoxClient(requested.vm.clusterId), { ...requested, owner }).catch(
    (error: unknown) => log.error({ err: error, vmId: requested.vm.id }, "provisioning crashed"),
  );
}
