import "server-only";
import { getJobByIdempotencyKey } from "@/db/queries/jobs";
import { findVmEventAfter, getVmEvent, latestVmEventId, listVmEvents } from "@/db/queries/vm-events";
import type { Vm, VmEvent } from "@/db/schema";
import { allows, type Person, vmAccess } from "@/lib/authz/vm-access";
import { notFound } from "@/lib/errors";
import { message, renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import type { VmEventKind } from "@/lib/vms/vm-timeline";
import { type JobKind, type JobResource, jobLinks } from "./resources/job";

// Jobs are read from what the portal records anyway: a VM's provisioning from its record (and the
// embedded runner's job while it waits), a finished operation from the timeline event it added.

const kindOfEvent: Partial<Record<string, Exclude<JobKind, "vm.provision">>> = {
  started: "vm.power",
  stopped: "vm.power",
  rebooted: "vm.power",
  suspended: "vm.power",
  resumed: "vm.power",
  resized: "vm.resize",
  snapshot: "vm.snapshot",
  deleted: "vm.delete",
};

/** Where a VM's provisioning is: queued, running, or how it ended. */
export async function provisioningJob(vm: Vm): Promise<JobResource> {
  const id = `provision-${vm.id}`;
  const base = {
    id,
    kind: "vm.provision" as const,
    vmId: vm.id,
    createdAt: vm.createdAt.toISOString(),
    links: jobLinks(id, vm.id),
  };
  if (vm.state === "provisioning") {
    const queued = (await getJobByIdempotencyKey({ key: `provision-${vm.id}` }))?.state === "queued";
    return {
      ...base,
      state: queued ? "queued" : "running",
      message: vm.stateDetail && renderMessage(vm.stateDetail, englishTranslator()),
      progress: vm.progress,
    };
  }
  const failed =
    vm.state === "failed" ||
    (vm.state === "deleted" &&
      (await listVmEvents({ vmId: vm.id })).some((event) => event.kind === "failed"));
  if (failed)
    return {
      ...base,
      state: "failed",
      message: "Provisioning failed",
      progress: null,
      error: vm.stateDetail ?? "Provisioning failed.",
    };
  return { ...base, state: "succeeded", message: "Provisioned", progress: 100 };
}

function operationJob(event: VmEvent, kind: Exclude<JobKind, "vm.provision">): JobResource {
  const id = `op-${event.id}`;
  return {
    id,
    kind,
    state: "succeeded",
    vmId: event.vmId,
    // The API answers programs in English; timeline lines are stored as catalog tokens.
    message: renderMessage(event.message, englishTranslator()),
    progress: 100,
    createdAt: event.at.toISOString(),
    links: jobLinks(id, event.vmId),
  };
}

/**
 * Runs an operation that waits for its Proxmox task (power, resize, snapshots, delete) and gives the job
 * for the timeline event it added. A refusal is thrown before any job exists.
 */
export async function runOperationJob<T>(
  { vmId, actorId, kinds }: { vmId: string; actorId: string; kinds: VmEventKind[] },
  operation: () => Promise<T>,
): Promise<{ result: T; job: JobResource }> {
  const before = await latestVmEventId({ vmId });
  const result = await operation();
  const event = await findVmEventAfter({ vmId, afterId: before, actorId, kinds });
  const kind = event && kindOfEvent[event.kind];
  if (!event || !kind) throw new Error(`The operation on VM ${vmId} recorded no ${kinds.join("/")} event.`);
  return { result, job: operationJob(event, kind) };
}

/** A job of a VM the person sees; any other, or an id never given out, is not found alike. */
export async function getJobForPerson(jobId: string, person: Person): Promise<JobResource> {
  const provision = /^provision-([0-9a-f-]{36})$/.exec(jobId)?.[1];
  if (provision) {
    const access = await vmAccess(person, provision);
    if (!allows(access, "view")) throw notFound(message("errors.api.noSuchJob"));
    return provisioningJob(access!.vm);
  }
  const eventId = Number(/^op-(\d{1,18})$/.exec(jobId)?.[1]);
  const event = Number.isSafeInteger(eventId) ? await getVmEvent({ id: eventId }) : null;
  const kind = event && kindOfEvent[event.kind];
  const access = event && kind ? await vmAccess(person, event.vmId) : null;
  if (!event || !kind || !allows(access, "view")) throw notFound(message("errors.api.noSuchJob"));
  return operationJob(event, kind);
}
