import "server-only";
import { and, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import { getDb } from "../client";
import { type AuditEvent, auditEvents, type NewAuditEvent } from "../schema";
import { type KeysetCursor, pastCursor } from "./keyset";

export async function insertAuditEvent(event: NewAuditEvent): Promise<void> {
  await getDb().insert(auditEvents).values(event);
}

export interface AuditFilter {
  actorId?: string;
  /** Part of the actor's name, any case. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  /** The last event of the previous page: the events older than it follow. */
  after?: KeysetCursor<Date> | null;
}

export async function listAuditEvents(filter: AuditFilter = {}): Promise<AuditEvent[]> {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.actor)
    conditions.push(ilike(auditEvents.actorLabel, `%${filter.actor.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.action)
    conditions.push(ilike(auditEvents.action, `${filter.action.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.targetType) conditions.push(eq(auditEvents.targetType, filter.targetType));
  if (filter.targetId) conditions.push(eq(auditEvents.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  if (filter.after) conditions.push(pastCursor("desc", auditEvents.at, auditEvents.id, filter.after));
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(Math.min(filter.limit ?? 200, 5000));
}
