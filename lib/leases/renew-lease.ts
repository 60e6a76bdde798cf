import "server-only";
import { updateVm } from "@/db/queries/vm-state";
import { getVmForOwner } from "@/db/queries/vms";
import { ActionError } from "@/lib/actions/validated-action";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { getSetting } from "@/lib/settings/settings";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { renewedLeaseEnd } from "./lease-dates";

/** The owner renews a VM's lease: one lease length from now, capped by the furthest a renewal may reach. */
export async function renewOwnedLease(
  vmId: string,
  ownerId: string,
  actor: AuditActor,
  now = new Date(),
): Promise<Date> {
  const vm = await getVmForOwner({ vmId, ownerId });
  if (!vm || vm.state === "deleted") throw new ActionError("Not found.", 404);
  if (vm.state === "failed") throw new ActionError("This VM was never made; there is nothing to renew.", 409);
  const end = renewedLeaseEnd(vm.leaseExpiresAt, await getSetting("lease.policy"), now);
  await updateVm({ id: vm.id, leaseExpiresAt: end });
  await recordVmEvent({
    vmId: vm.id,
    kind: "renewed",
    message: `Lease renewed until ${end.toISOString().slice(0, 10)}`,
    actor,
  });
  return end;
}
