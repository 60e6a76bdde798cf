import { z } from "zod";
import type { AuditEvent } from "@/db/schema";

/** One entry of the audit log, as its page and CSV export show it. */
export const auditEventResource = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actorId: z.string().nullable().meta({ description: "Null for the system's own actions." }),
    actorLabel: z.string(),
    action: z.string().meta({ description: "Such as `vm.create` or `user.disable`." }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    result: z.enum(["success", "failure", "denied"]),
    detail: z.record(z.string(), z.unknown()).nullable(),
    clientAddress: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });

export function auditEventResourceOf(event: AuditEvent): z.infer<typeof auditEventResource> {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    result: event.result,
    detail: event.detail,
    clientAddress: event.clientAddress,
    requestId: event.requestId,
  };
}
