import { z } from "zod";
import { listAuditEvents } from "@/db/queries/audit";
import { parseAuditFilter } from "@/lib/audit/audit-filter";
import { requireRolePermission } from "../admin-role";
import { timeCursorFrom } from "../cursor-keys";
import { defineApiRoute } from "../define-route";
import { pageFrom, pageQuerySchema, pageSchema } from "../pagination";
import { auditEventResource, auditEventResourceOf } from "../resources/audit-event";

// Read as the audit page and its CSV export read them: lib/audit/audit-filter.ts checks the values.
const filter = (description: string) => z.string().optional().meta({ description });

const adminAuditQuery = pageQuerySchema.extend({
  actor: filter("Part of the actor's name, any case."),
  action: filter("The start of the action, such as `user.` or `vm.create`."),
  target: filter("The target's id, exactly."),
  from: filter("Events from this day or time on (YYYY-MM-DD, or an ISO 8601 time)."),
  to: filter("Events before this day or time."),
});

export const listAuditEventsRoute = defineApiRoute({
  method: "GET",
  path: "/admin/audit",
  operationId: "listAuditEvents",
  summary: "Read the audit log (admins and auditors)",
  description: "Newest first, with the filters of Admin → Audit log and its CSV export.",
  tags: ["Admin"],
  scope: "admin:read",
  query: adminAuditQuery,
  responses: { 200: { description: "A page of events.", schema: pageSchema(auditEventResource) } },
  async handler({ query, caller }) {
    requireRolePermission(caller, "admin:read");
    const { limit, cursor, ...search } = query;
    const events = await listAuditEvents({
      ...parseAuditFilter(search),
      after: timeCursorFrom(cursor, z.number().int().positive()),
      limit: limit + 1,
    });
    return {
      status: 200,
      body: pageFrom(events, limit, (event) => [event.at.toISOString(), event.id], auditEventResourceOf),
    };
  },
});
