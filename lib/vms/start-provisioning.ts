import "server-only";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { enqueue } from "@/lib/jobs/enqueue";
import { log } from "@/lib/log";
import { vmProvisionRequested } from "./provision-events";
import { provisionIsoVm, type RequestedIsoVm } from "./provision-iso-vm";
import type { RequestedVm } from "./request-vm";

/**
 * Hands provisioning to the durable job system: Inngest in production, the portal's own runner otherwise.
 * The job survives restarts; only the password's hash travels with it.
 */
export async function startProvisioning(requested: RequestedVm, owner: { id: string }): Promise<void> {
  const keys = await listSshKeys({ userId: owner.id });
  await enqueue(
    vmProvisionRequested,
    {
      vmId: requested.vm.id,
      passwordHash: requested.passwordHash,
      sshKeys: keys.map((key) => key.publicKey),
    },
    { idempotencyKey: `provision-${requested.vm.id}` },
  );
}

/** The same for a VM that boots an installer ISO. */
export function startIsoProvisioning(
  requested: RequestedIsoVm,
  owner: { id: string; label: string; username: string },
): void {
  void getProxmoxClient(requested.vm.clusterId)
    .then((client) => provisionIsoVm(client, { ...requested, owner }))
    .catch((error: unknown) => log.error({ err: error, vmId: requested.vm.id }, "provisioning crashed"));
}
