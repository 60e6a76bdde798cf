import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./people";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    result: text("result", { enum: ["success", "failure", "denied"] }).notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    clientAddress: text("client_address"),
    requestId: text("request_id"),
    /** An X-Request-Id from a reverse proxy, validated; request_id is always the portal's own. */
    upstreamRequestId: text("upstream_request_id"),
  },
  (event) => [
    index("audit_events_at_idx").on(event.at),
    index("audit_events_actor_idx").on(event.actorId),
    index("audit_events_target_idx").on(event.targetType, event.targetId),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
