import "server-only";
import { listSeatRows } from "@/db/queries/cohort-views";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import { invalid, isDomainError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { withLiveState } from "@/lib/vms/live-state";
import { powerOwnedVm } from "@/lib/vms/operate-vm";
import { powerActionsFor } from "@/lib/vms/power-actions";
import { resetVmToBaseline } from "@/lib/vms/reset-to-baseline";
import { cohortForTeacher } from "./teacher-view";

/** How many of a class's VMs are acted on at once: Proxmox serialises per-VM locks, not the whole batch. */
const IN_FLIGHT = 4;

export type SeatsAction = "start" | "shutdown" | "reset";

export interface SeatsOutcome {
  done: string[];
  /** VM name → why it was not done (already stopped, not ready yet, Proxmox's refusal). */
  skipped: Record<string, string>;
}

/**
 * Starts, shuts down or resets to the baseline every made VM of a class, as the person (each VM is checked
 * by the one rule); one VM's refusal does not stop the others. A reset confirms each VM by its own name:
 * the teacher confirmed the class's name instead.
 */
export async function actOnSeats({
  person,
  cohortId,
  action,
  confirmName,
  actor,
}: {
  person: Person;
  cohortId: string;
  action: SeatsAction;
  confirmName?: string;
  actor: AuditActor;
}): Promise<SeatsOutcome> {
  const cohort = await cohortForTeacher(person, cohortId, { act: true });
  if (action === "reset" && confirmName?.trim() !== cohort.name) {
    throw invalid(message("errors.cohorts.confirmName", { name: cohort.name }), "confirmName");
  }
  const made = (await listSeatRows({ cohortId })).flatMap(({ vm }) =>
    vm && vm.state !== "deleted" ? [vm] : [],
  );
  const outcome: SeatsOutcome = { done: [], skipped: {} };
  const { vms: live } = await withLiveState(made);
  const vms = live.filter((vm) => {
    const state = vm.live ?? vm.state;
    if (
      action === "reset"
        ? state === "running" || state === "stopped"
        : powerActionsFor(state).includes(action)
    )
      return true;
    outcome.skipped[vm.name] = `It is ${state}.`;
    return false;
  });
  const queue = [...vms];
  async function work() {
    for (let vm = queue.shift(); vm; vm = queue.shift()) {
      try {
        if (action === "reset") await resetVmToBaseline({ vmId: vm.id, person, confirmName: vm.name, actor });
        else await powerOwnedVm({ vmId: vm.id, person, action, actor });
        outcome.done.push(vm.name);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        outcome.skipped[vm.name] = error.message;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, vms.length) }, work));
  outcome.done.sort();
  return outcome;
}
