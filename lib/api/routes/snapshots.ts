import { z } from "zod";
import {
  createOwnedSnapshot,
  deleteOwnedSnapshot,
  listOwnedSnapshots,
  rollbackOwnedSnapshot,
} from "@/lib/vms/snapshots";
import { snapshotNameSchema, snapshotRequestSchema } from "@/lib/vms/vm-inputs";
import { defineApiRoute } from "../define-route";
import { decodeCursor, pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { jobResource } from "../resources/job";
import { vmIdParams } from "../resources/vm";
import { runOperationJob } from "../vm-jobs";

const snapshotResource = z
  .object({
    name: z.string(),
    description: z.string(),
    takenAt: z.iso.datetime().nullable(),
    withMemory: z.boolean().meta({ description: "Whether the snapshot holds the running VM's memory." }),
  })
  .meta({ id: "Snapshot" });

const snapshotParams = vmIdParams.extend({
  name: snapshotNameSchema.meta({ description: "The snapshot's name." }),
});

const jobAnswer = z.object({ job: jobResource });
const notAllowed = { description: "You see this VM but may not do this to it." };
const notYours = { description: "You see no VM with this id." };
const refused = { description: "The VM is not ready, over the snapshot quota, or Proxmox refused." };

export const listSnapshots = defineApiRoute({
  method: "GET",
  path: "/vms/{vmId}/snapshots",
  operationId: "listSnapshots",
  summary: "List a VM's snapshots",
  tags: ["Snapshots"],
  scope: "read",
  params: vmIdParams,
  query: pageQuerySchema,
  responses: {
    200: { description: "A page of snapshots, by name.", schema: pageSchema(snapshotResource) },
    403: notAllowed,
    404: notYours,
  },
  async handler({ params, query, person }) {
    const after = decodeCursor(query.cursor, z.tuple([z.string()]));
    const all = (await listOwnedSnapshots(params.vmId, person)).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const rest = after ? all.filter((snapshot) => snapshot.name > after[0]) : all;
    return {
      status: 200,
      body: pageFrom(
        rest,
        query.limit,
        (snapshot) => [snapshot.name],
        (snapshot) => ({
          name: snapshot.name,
          description: snapshot.description ?? "",
          takenAt: snapshot.snaptime ? new Date(snapshot.snaptime * 1000).toISOString() : null,
          withMemory: Boolean(snapshot.vmstate),
        }),
      ),
    };
  },
});

export const createSnapshot = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/snapshots",
  operationId: "createSnapshot",
  summary: "Take a snapshot",
  description: "Counts against your snapshot quota.",
  tags: ["Snapshots"],
  scope: "operate",
  params: vmIdParams,
  body: snapshotRequestSchema,
  responses: {
    202: { description: "Taken; the job records it.", schema: jobAnswer },
    403: notAllowed,
    404: notYours,
    409: refused,
  },
  async handler({ params, body, caller, person, actor, audit }) {
    const { job } = await runOperationJob(
      { vmId: params.vmId, actorId: caller.user.id, kinds: ["snapshot"] },
      () => createOwnedSnapshot(params.vmId, person, body.name, body.description, actor),
    );
    await audit({
      action: "vm.snapshot.create",
      target: { type: "vm", id: params.vmId },
      detail: { name: body.name },
    });
    return { status: 202, body: { job }, headers: { location: job.links.self } };
  },
});

export const rollbackSnapshot = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/snapshots/{name}/rollback",
  operationId: "rollbackSnapshot",
  summary: "Go back to a snapshot",
  description:
    "The VM's disks (and memory, if the snapshot has it) return to the snapshot; later changes are lost.",
  tags: ["Snapshots"],
  scope: "operate",
  params: snapshotParams,
  responses: {
    202: { description: "Rolled back; the job records it.", schema: jobAnswer },
    403: notAllowed,
    404: notYours,
    409: refused,
  },
  async handler({ params, caller, person, actor, audit }) {
    const { job } = await runOperationJob(
      { vmId: params.vmId, actorId: caller.user.id, kinds: ["snapshot"] },
      () => rollbackOwnedSnapshot(params.vmId, person, params.name, actor),
    );
    await audit({
      action: "vm.snapshot.rollback",
      target: { type: "vm", id: params.vmId },
      detail: { name: params.name },
    });
    return { status: 202, body: { job }, headers: { location: job.links.self } };
  },
});

export const deleteSnapshot = defineApiRoute({
  method: "DELETE",
  path: "/vms/{vmId}/snapshots/{name}",
  operationId: "deleteSnapshot",
  summary: "Delete a snapshot",
  tags: ["Snapshots"],
  scope: "operate",
  params: snapshotParams,
  responses: {
    202: { description: "Deleted; the job records it.", schema: jobAnswer },
    403: notAllowed,
    404: notYours,
    409: refused,
  },
  async handler({ params, caller, person, actor, audit }) {
    const { job } = await runOperationJob(
      { vmId: params.vmId, actorId: caller.user.id, kinds: ["snapshot"] },
      () => deleteOwnedSnapshot(params.vmId, person, params.name, actor),
    );
    await audit({
      action: "vm.snapshot.delete",
      target: { type: "vm", id: params.vmId },
      detail: { name: params.name },
    });
    return { status: 202, body: { job }, headers: { location: job.links.self } };
  },
});
