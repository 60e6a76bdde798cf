import { z } from "zod";
import { listAllVms } from "@/db/queries/vms";
import { vmStateEnum } from "@/db/schema";
import { requireRolePermission } from "../admin-role";
import { textCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { adminVmResource, adminVmResourceOf } from "../resources/admin-vm";

const filterText = (description: string) =>
  z
    .string()
    .trim()
    .max(200, "Keep it under 200 characters.")
    .optional()
    .transform((value) => value || undefined)
    .meta({ description });

const adminVmsQuery = pageQuerySchema.extend({
  owner: filterText("Part of the owner's name, username or e-mail, any case."),
  cluster: filterText("The cluster's id."),
  node: filterText("The node the VM is on."),
  state: z
    .enum(
      vmStateEnum.enumValues.filter((state) => state !== "deleted"),
      { error: `Pick a state: ${vmStateEnum.enumValues.filter((state) => state !== "deleted").join(", ")}.` },
    )
    .optional()
    .meta({ description: "The portal's record of the VM's state." }),
  leaseWithinDays: z.coerce
    .number()
    .int("Use a whole number of days.")
    .min(0, "Use 0 (leases already ended) or more.")
    .max(9999, "Use at most 9999 days.")
    .optional()
    .meta({
      description: "Only leases ending within this many days (0: already ended); exempt VMs are left out.",
    }),
});

export const listAdminVms = defineApiRoute({
  method: "GET",
  path: "/admin/vms",
  operationId: "listAdminVms",
  summary: "List every VM (admins and auditors)",
  description: "Every VM the portal records that is not deleted, whoever owns it, by name; as Admin → VMs.",
  tags: ["Admin"],
  scope: "admin:read",
  query: adminVmsQuery,
  responses: { 200: { description: "A page of VMs.", schema: pageSchema(adminVmResource) } },
  async handler({ query, caller }) {
    requireRolePermission(caller, "admin:read");
    const rows = await listAllVms({
      owner: query.owner,
      clusterId: query.cluster,
      node: query.node,
      state: query.state,
      leaseWithinDays: query.leaseWithinDays,
      after: textCursorFrom(query.cursor),
      limit: query.limit + 1,
    });
    return {
      status: 200,
      body: pageFrom(rows, query.limit, (row) => [row.vm.name, row.vm.id], adminVmResourceOf),
    };
  },
});
