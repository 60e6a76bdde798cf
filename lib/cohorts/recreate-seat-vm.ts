import "server-only";
import { findSeatByVm, getCohortById, requeueSeatFrom } from "@/db/queries/cohorts";
import { getTemplateById } from "@/db/queries/templates";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authorizeVm, type Person } from "@/lib/authz/vm-access";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { destroyVm } from "@/lib/vms/operate-vm";
import { requestBatch } from "./roster";

/**
 * The heavier reset: a class VM is destroyed and its seat queued, so the batch makes it again from the
 * class's template under the same name (new disk, new baseline, a new VM id). For a VM broken past its
 * baseline, or one whose baseline is gone. Whoever may reset it may re-create it: the student and the
 * teacher, after typing the VM's name.
 */
export async function recreateSeatVm({
  vmId,
  person,
  confirmName,
  actor,
}: {
  vmId: string;
  person: Person;
  confirmName: string;
  actor: AuditActor;
}): Promise<{ seatId: string }> {
  const vm = await authorizeVm(person, vmId, "snapshot");
  if (vm.state === "deleted") throw notFound();
  const seat = await findSeatByVm({ vmId: vm.id });
  const cohort = seat && (await getCohortById({ id: seat.cohortId }));
  if (!seat || !cohort) throw conflict(message("errors.cohorts.notClassVm"));
  if (cohort.endedAt) throw conflict(message("errors.cohorts.ended"));
  if (seat.state === "removed") throw conflict(message("errors.cohorts.studentRemoved"));
  if (seat.state !== "ready" && seat.state !== "failed")
    throw conflict(message("errors.vm.notReadyForReset"));
  if (confirmName.trim() !== vm.name)
    throw invalid(message("errors.vm.confirmName", { name: vm.name }), "confirmName");
  const template = await getTemplateById({ id: cohort.templateId });
  if (!template) throw conflict(message("errors.cohorts.templateUnavailable"));
  await destroyVm(vm, {
    actor,
    timeline: message("timeline.deletedToRecreate", { template: template.label }),
    reason: "recreate",
  });
  // Two clicks at once destroy one VM; only the first queues the seat again.
  if (await requeueSeatFrom({ id: seat.id, vmId: vm.id })) {
    await recordAuditEvent({
      actor,
      action: "cohort.seat_recreate",
      target: { type: "cohort", id: cohort.id },
      result: "success",
      detail: { seatId: seat.id, vmId: vm.id, vmName: vm.name },
    });
    await requestBatch(cohort.id);
  }
  return { seatId: seat.id };
}
