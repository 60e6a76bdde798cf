import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./people";
import { projects } from "./projects";
import { vms } from "./vms";

/** vm: a VM beyond the quota, created as asked once approved; quota: a permanently higher quota. */
export const approvalKindEnum = pgEnum("approval_kind", ["vm", "quota"]);
export const approvalStateEnum = pgEnum("approval_state", ["pending", "approved", "denied", "cancelled"]);

/** One approver's yes, or the no that ended the request. */
export type ApprovalDecision = {
  by: string;
  byLabel: string;
  at: string;
  verdict: "approve" | "deny";
  comment: string;
};

/** A request beyond a quota, personal or a project's, waiting for an admin (or the project's owners). */
export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: approvalKindEnum("kind").notNull(),
    requesterId: text("requester_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set when the request is against a project's quota. */
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    /** What is asked: the VM request as the create form sent it, or the quota wanted. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull(),
    state: approvalStateEnum("state").notNull().default("pending"),
    /** How many distinct approvers must say yes (1, or 2 where the portal asks for a second). */
    approvalsRequired: integer("approvals_required").notNull().default(1),
    decisions: jsonb("decisions").$type<ApprovalDecision[]>().notNull().default([]),
    /** The VM an approved VM request made. */
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { mode: "date", withTimezone: true }),
  },
  (request) => [
    index("approval_requests_pending_idx").on(request.createdAt).where(sql`state = 'pending'`),
    index("approval_requests_requester_idx").on(request.requesterId, request.createdAt),
  ],
);

export type ApprovalRequest = typeof approvalRequests.$inferSelect;
export type ApprovalKind = (typeof approvalKindEnum.enumValues)[number];
export type ApprovalState = (typeof approvalStateEnum.enumValues)[number];
