import "server-only";
import { insertAuditEvent } from "@/db/queries/audit";
import { log } from "@/lib/log";

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  result: "success" | "failure" | "denied";
  detail?: Record<string, unknown>;
  clientAddress?: string | null;
  requestId?: string | null;
  upstreamRequestId?: string | null;
}

export const systemActor: AuditActor = { id: null, label: "system" };

/**
 * The one way state changes are recorded. The log is append-only: the application has no code that
 * updates or deletes an event. A failure to write is logged and re-thrown, so no change goes unrecorded.
 */
export async function recordAuditEvent(entry: AuditEntry): Promise<void> {
  try {
    await insertAuditEvent({
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      result: entry.result,
      detail: entry.detail ?? null,
      clientAddress: entry.clientAddress ?? null,
      requestId: entry.requestId ?? null,
      upstreamRequestId: entry.upstreamRequestId ?? null,
    });
  } catch (error) {
    log.error({ err: error, action: entry.action }, "could not write the audit log");
    throw error;
  }
}
