import { z } from "zod";
import { setOwnedVmBootOrder, setOwnedVmCdrom } from "@/lib/vms/media-vm";
import { defineApiRoute } from "../define-route";
import { vmIdParams } from "../resources/vm";

const notAllowed = { description: "You see this VM but may not do this to it." };
const notYours = { description: "You see no VM with this id." };

export const setVmCdrom = defineApiRoute({
  method: "PUT",
  path: "/vms/{vmId}/cdrom",
  operationId: "setVmCdrom",
  summary: "Insert an ISO in the VM's CD drive, or eject it",
  tags: ["VMs"],
  scope: "operate",
  params: vmIdParams,
  body: z.object({
    isoId: z.uuid("Pick an ISO.").nullable().meta({ description: "An approved ISO's id; null ejects." }),
  }),
  responses: {
    200: { description: "The drive holds it now.", schema: z.object({ isoId: z.uuid().nullable() }) },
    403: notAllowed,
    404: notYours,
    409: { description: "The VM has no free drive slot for a CD, or is not ready." },
  },
  async handler({ params, body, person, actor, audit }) {
    await setOwnedVmCdrom(params.vmId, person, body.isoId, actor);
    await audit({
      action: "vm.cdrom",
      target: { type: "vm", id: params.vmId },
      detail: { isoId: body.isoId },
    });
    return { status: 200, body: { isoId: body.isoId } };
  },
});

const bootFirst = z.object({ first: z.enum(["disk", "cdrom"], "Boot from disk or cdrom first.") });

export const setVmBootOrder = defineApiRoute({
  method: "PUT",
  path: "/vms/{vmId}/boot-order",
  operationId: "setVmBootOrder",
  summary: "Boot from the disk or the CD drive first",
  tags: ["VMs"],
  scope: "operate",
  params: vmIdParams,
  body: bootFirst,
  responses: {
    200: { description: "The VM boots so from its next start.", schema: bootFirst },
    403: notAllowed,
    404: notYours,
    409: { description: "The VM has no CD drive yet, or is not ready." },
  },
  async handler({ params, body, person, actor, audit }) {
    await setOwnedVmBootOrder(params.vmId, person, body.first, actor);
    await audit({
      action: "vm.boot-order",
      target: { type: "vm", id: params.vmId },
      detail: { first: body.first },
    });
    return { status: 200, body: { first: body.first } };
  },
});
