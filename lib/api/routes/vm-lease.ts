import { z } from "zod";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { defineApiRoute } from "../define-route";
import { vmIdParams } from "../resources/vm";

export const renewVmLease = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/lease/renew",
  operationId: "renewVmLease",
  summary: "Renew a VM's lease",
  description: "One lease length from now, capped by the furthest a renewal may reach.",
  tags: ["VMs"],
  scope: "operate",
  params: vmIdParams,
  responses: {
    200: { description: "The lease's new end.", schema: z.object({ leaseExpiresAt: z.iso.datetime() }) },
    403: { description: "You see this VM but may not renew it." },
    404: { description: "You see no VM with this id." },
  },
  async handler({ params, person, actor, audit }) {
    const end = await renewOwnedLease(params.vmId, person, actor);
    await audit({
      action: "vm.lease.renew",
      target: { type: "vm", id: params.vmId },
      detail: { until: end.toISOString() },
    });
    return { status: 200, body: { leaseExpiresAt: end.toISOString() } };
  },
});
