import "server-only";
import { listSshKeys } from "@/db/queries/ssh-keys";
import { enqueue } from "@/lib/jobs/enqueue";
import { vmIsoProvisionRequested, vmProvisionRequested } from "./provision-events";
import type { RequestedIsoVm } from "./provision-iso-vm";
import type { RequestedVm } from "./request-vm";

/**
 * Hands provisioning to the durable job system: Inngest in production, the portal's own runner otherwise.
 * The job survives restarts; the password travels with it only as a hash (Linux) or sealed (Windows).
 */
export async function startProvisioning(requested: RequestedVm, owner: { id: string }): Promise<void> {
  const keys = await listSshKeys({ userId: owner.id });
  await enqueue(
    vmProvisionRequested,
    {
      vmId: requested.vm.id,
      ...(requested.passwordHash !== undefined
        ? { passwordHash: requested.passwordHash }
        : { sealedPassword: requested.sealedPassword }),
      sshKeys: keys.map((key) => key.publicKey),
    },
    { idempotencyKey: `provision-${requested.vm.id}` },
  );
}

/** The same for a VM that boots an installer ISO: a job too, so a restart resumes it. */
export async function startIsoProvisioning(requested: RequestedIsoVm): Promise<void> {
  await enqueue(
    vmIsoProvisionRequested,
    { vmId: requested.vm.id, hardware: requested.hardware },
    { idempotencyKey: `provision-${requested.vm.id}` },
  );
}
