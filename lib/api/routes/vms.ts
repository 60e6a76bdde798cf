import { z } from "zod";
import { listVisibleVms } from "@/db/queries/vm-access";
import type { Vm } from "@/db/schema";
import { accessFromStanding, authorizeVm, type Person, vmAccess } from "@/lib/authz/vm-access";
import { notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { limitVmRequests } from "@/lib/limits/request-limits";
import { withLiveState } from "@/lib/vms/live-state";
import { deleteOwnedVm } from "@/lib/vms/operate-vm";
import { requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { requestVm } from "@/lib/vms/request-vm";
import { resizeOwnedVm } from "@/lib/vms/resize-vm";
import { retryFailedVm } from "@/lib/vms/retry-vm";
import { startIsoProvisioning, startProvisioning } from "@/lib/vms/start-provisioning";
import { isoRequestSchema, vmRequestSchema, vmResizeSchema } from "@/lib/vms/vm-inputs";
import { defineApiRoute } from "../define-route";
import { decodeCursor, pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { jobResource } from "../resources/job";
import { vmIdParams, vmResource, vmResourceOf } from "../resources/vm";
import { provisioningJob, runOperationJob } from "../vm-jobs";

const vmCursor = z.tuple([z.string(), z.uuid()]);

async function resourceOf(vm: Vm, person: Person) {
  const [{ vms }, access] = await Promise.all([withLiveState([vm]), vmAccess(person, vm.id)]);
  return vmResourceOf(vms[0]!, access?.actions ?? new Set());
}

const accepted = (job: { links: { self: string } }, body: unknown) => ({
  status: 202,
  body,
  headers: { location: job.links.self },
});

const credentials = z
  .object({
    user: z.string().meta({ description: "The guest's user, as the template names it." }),
    password: z.string().meta({ description: "Shown once; the portal keeps no copy." }),
  })
  .meta({ id: "VmCredentials" });

const createdVm = z
  .object({ vm: vmResource, job: jobResource, credentials })
  .meta({ id: "CreatedVm", description: "The new VM, its provisioning job and its one-time password." });

const notAllowed = { description: "You see this VM but may not do this to it." };
const notYours = { description: "You see no VM with this id." };

export const listVms = defineApiRoute({
  method: "GET",
  path: "/vms",
  operationId: "listVms",
  summary: "List the VMs you see",
  description:
    "Your VMs, your projects' VMs and the VMs shared with you, that are not deleted, by name; each says what you may do to it.",
  tags: ["VMs"],
  scope: "read",
  query: pageQuerySchema,
  responses: { 200: { description: "A page of the VMs you see.", schema: pageSchema(vmResource) } },
  async handler({ query, person }) {
    const after = decodeCursor(query.cursor, vmCursor);
    const rows = await listVisibleVms({ userId: person.id, after, limit: query.limit + 1 });
    const actions = new Map(rows.map((row) => [row.vm.id, accessFromStanding(person, row).actions]));
    const { vms } = await withLiveState(rows.map((row) => row.vm));
    return {
      status: 200,
      body: pageFrom(
        vms,
        query.limit,
        (vm) => [vm.name, vm.id],
        (vm) => vmResourceOf(vm, actions.get(vm.id)!),
      ),
    };
  },
});

export const getVm = defineApiRoute({
  method: "GET",
  path: "/vms/{vmId}",
  operationId: "getVm",
  summary: "Get a VM you see",
  tags: ["VMs"],
  scope: "read",
  params: vmIdParams,
  responses: { 200: { description: "The VM.", schema: vmResource }, 404: notYours },
  async handler({ params, person }) {
    const vm = await authorizeVm(person, params.vmId, "view");
    if (vm.state === "deleted") throw notFound(message("errors.vm.noSuchVm"));
    return { status: 200, body: await resourceOf(vm, person) };
  },
});

export const createVm = defineApiRoute({
  method: "POST",
  path: "/vms",
  operationId: "createVm",
  summary: "Create a VM from a template",
  description:
    "Checks the template, size, name and your quota, then provisions in the background: poll the job. The answer holds the guest's generated password, once.",
  tags: ["VMs"],
  scope: "manage",
  body: vmRequestSchema,
  responses: { 202: { description: "Accepted; provisioning runs.", schema: createdVm } },
  async handler({ body, caller, person, owner, audit }) {
    await limitVmRequests(caller.user.id);
    const requested = await requestVm(owner, body);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { name: body.name, template: requested.template.label },
    });
    await startProvisioning(requested, owner);
    const job = await provisioningJob(requested.vm);
    return accepted(job, {
      vm: await resourceOf(requested.vm, person),
      job,
      credentials: { user: requested.template.defaultUser, password: requested.password },
    });
  },
});

export const createIsoVm = defineApiRoute({
  method: "POST",
  path: "/vms/from-iso",
  operationId: "createIsoVm",
  summary: "Create a VM that boots an installer ISO",
  description: "The VM is made empty with the ISO in its CD drive; install it over the console.",
  tags: ["VMs"],
  scope: "manage",
  body: isoRequestSchema,
  responses: {
    202: {
      description: "Accepted; provisioning runs.",
      schema: z.object({ vm: vmResource, job: jobResource }).meta({ id: "CreatedIsoVm" }),
    },
  },
  async handler({ body, caller, person, owner, audit }) {
    await limitVmRequests(caller.user.id);
    const requested = await requestIsoVm(owner, body);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { name: body.name, iso: requested.iso.label },
    });
    await startIsoProvisioning(requested);
    const job = await provisioningJob(requested.vm);
    return accepted(job, { vm: await resourceOf(requested.vm, person), job });
  },
});

export const retryVm = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/retry",
  operationId: "retryVm",
  summary: "Make a failed VM again",
  description: "A new VM with the failed one's name, template, network and size, and a new password.",
  tags: ["VMs"],
  scope: "manage",
  params: vmIdParams,
  responses: {
    202: { description: "Accepted; provisioning runs.", schema: createdVm },
    403: notAllowed,
    404: notYours,
    409: { description: "Only a VM that failed to be made from a template can be retried." },
  },
  async handler({ params, person, owner, audit }) {
    const requested = await retryFailedVm(params.vmId, person, owner);
    await audit({
      action: "vm.create",
      target: { type: "vm", id: requested.vm.id },
      detail: { retryOf: params.vmId },
    });
    await startProvisioning(requested, owner);
    const job = await provisioningJob(requested.vm);
    return accepted(job, {
      vm: await resourceOf(requested.vm, person),
      job,
      credentials: { user: requested.template.defaultUser, password: requested.password },
    });
  },
});

export const resizeVm = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/resize",
  operationId: "resizeVm",
  summary: "Change a VM's cores, memory and disk",
  description:
    "Within the per-VM limits and your quota; disks only grow. A running VM takes CPU and memory at its next boot.",
  tags: ["VMs"],
  scope: "manage",
  params: vmIdParams,
  body: vmResizeSchema,
  responses: {
    202: {
      description: "Done; the job records it.",
      schema: z.object({
        job: jobResource,
        pendingUntilReboot: z
          .array(z.string())
          .meta({ description: "What a running VM takes at its next boot." }),
      }),
    },
    403: notAllowed,
    404: notYours,
    409: { description: "The VM cannot be changed now, or Proxmox refused." },
  },
  async handler({ params, body, caller, person, actor, audit }) {
    const { result, job } = await runOperationJob(
      { vmId: params.vmId, actorId: caller.user.id, kinds: ["resized"] },
      () => resizeOwnedVm(params.vmId, person, body, actor),
    );
    await audit({ action: "vm.resize", target: { type: "vm", id: params.vmId }, detail: body });
    return accepted(job, { job, pendingUntilReboot: result.pendingUntilReboot });
  },
});

export const deleteVm = defineApiRoute({
  method: "DELETE",
  path: "/vms/{vmId}",
  operationId: "deleteVm",
  summary: "Delete a VM",
  description:
    "Stops and destroys the VM with its disks. Type its name in `confirmName`, as the portal asks.",
  tags: ["VMs"],
  scope: "manage",
  params: vmIdParams,
  body: z.object({ confirmName: z.string().max(200).meta({ description: "The VM's name." }) }),
  responses: {
    202: { description: "Deleted; the job records it.", schema: z.object({ job: jobResource }) },
    403: notAllowed,
    404: notYours,
  },
  async handler({ params, body, caller, person, actor, audit }) {
    const { job } = await runOperationJob(
      { vmId: params.vmId, actorId: caller.user.id, kinds: ["deleted"] },
      () => deleteOwnedVm({ vmId: params.vmId, person, confirmName: body.confirmName, actor }),
    );
    await audit({ action: "vm.delete", target: { type: "vm", id: params.vmId } });
    return accepted(job, { job });
  },
});
