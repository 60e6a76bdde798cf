import "server-only";
import { listVmsForOwner, updateVm } from "@/db/queries/vms";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { message } from "@/lib/i18n/message";
import { stopForLease } from "@/lib/leases/lease-actions";
import { log } from "@/lib/log";
import { isProxmoxError } from "@/lib/proxmox";
import { recordVmEvent } from "./vm-timeline";

export interface StopUsersVmsResult {
  stopped: string[];
  /** VMs still up, each with the reason Proxmox (or the network) gave. */
  failed: { vmId: string; name: string; reason: string }[];
}

function reasonOf(error: unknown): string {
  if (isProxmoxError(error))
    return error.kind === "task-failed" ? error.message : (error.reason ?? error.message);
  return "an unexpected error (see the portal's log)";
}

/**
 * When an admin disables someone and asks for it: their personal running and paused VMs stop (a shutdown,
 * forced after a minute; a paused VM at once). The VMs they made in a project are the project's and go on. A VM that cannot be stopped is named with the reason, on its
 * timeline and in the result, never skipped in silence.
 */
export async function stopUsersVms(userId: string, actor: AuditActor): Promise<StopUsersVmsResult> {
  const up = (await listVmsForOwner({ ownerId: userId })).filter(
    (vm) => vm.projectId === null && (vm.state === "running" || vm.state === "paused"),
  );
  const result: StopUsersVmsResult = { stopped: [], failed: [] };
  for (const vm of up) {
    let outcome: Awaited<ReturnType<typeof stopForLease>>;
    try {
      outcome = await stopForLease(vm);
    } catch (error) {
      const reason = reasonOf(error);
      if (!isProxmoxError(error))
        log.error({ err: error, vmId: vm.id }, "stopping a disabled user's VM failed");
      result.failed.push({ vmId: vm.id, name: vm.name, reason });
      await recordVmEvent({
        vmId: vm.id,
        kind: "failed",
        message: message("timeline.ownerDisabledStopFailed", { reason }),
        actor,
      });
      continue;
    }
    if (outcome === "missing") continue;
    await updateVm({ id: vm.id, state: "stopped" });
    await recordVmEvent({
      vmId: vm.id,
      kind: "stopped",
      message: message("timeline.ownerDisabledStopped"),
      actor,
    });
    result.stopped.push(vm.id);
  }
  return result;
}
