import "server-only";
import { updateVm } from "@/db/queries/vm-state";
import { listVmsForOwner } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { stopForLease } from "@/lib/leases/lease-actions";
import { recordVmEvent } from "./vm-timeline";

/** When an admin disables someone and asks for it: their running VMs shut down (forced after a minute). */
export async function stopUsersVms(ownerId: string, actor: AuditActor): Promise<string[]> {
  const running = (await listVmsForOwner({ ownerId })).filter(
    (vm) => vm.state === "running" || vm.state === "paused",
  );
  const stopped: string[] = [];
  for (const vm of running) {
    const outcome = await stopForLease(vm).catch(() => null);
    if (outcome !== "stopped" && outcome !== "already-stopped") continue;
    await updateVm({ id: vm.id, state: "stopped" });
    await recordVmEvent({
      vmId: vm.id,
      kind: "stopped",
      message: "Stopped: its owner's account was disabled",
      actor,
    });
    stopped.push(vm.id);
  }
  return stopped;
}
