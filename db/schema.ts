import type { AdapterAccountType } from "@auth/core/adapters";
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["member", "auditor", "admin"]);

// Auth.js tables, exactly as @auth/drizzle-adapter documents them; the portal's own user columns follow.
export const users = pgTable("user", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("emailVerified", { mode: "date" }),
  image: text("image"),
  username: text("username"),
  role: roleEnum("role").notNull().default("member"),
  groups: text("groups").array().notNull().default([]),
  disabled: boolean("disabled").notNull().default(false),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp("last_login_at", { mode: "date", withTimezone: true }),
});

export const accounts = pgTable(
  "account",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })],
);

export const sessions = pgTable("session", {
  sessionToken: text("sessionToken").primaryKey(),
  userId: text("userId")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verificationToken",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date" }).notNull(),
  },
  (verificationToken) => [primaryKey({ columns: [verificationToken.identifier, verificationToken.token] })],
);

export const authenticators = pgTable(
  "authenticator",
  {
    credentialID: text("credentialID").notNull().unique(),
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    providerAccountId: text("providerAccountId").notNull(),
    credentialPublicKey: text("credentialPublicKey").notNull(),
    counter: integer("counter").notNull(),
    credentialDeviceType: text("credentialDeviceType").notNull(),
    credentialBackedUp: boolean("credentialBackedUp").notNull(),
    transports: text("transports"),
  },
  (authenticator) => [primaryKey({ columns: [authenticator.userId, authenticator.credentialID] })],
);

/** An identity-provider group known to the portal; quota policies attach here. */
export const groups = pgTable("groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description"),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
});

export const clusters = pgTable("clusters", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  apiUrls: text("api_urls").array().notNull(),
  tokenId: text("token_id").notNull(),
  // Encrypted at rest (lib/crypto); never sent back to a browser once saved.
  tokenSecretEncrypted: text("token_secret_encrypted").notNull(),
  fingerprint: text("fingerprint"),
  caPem: text("ca_pem"),
  insecure: boolean("insecure").notNull().default(false),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const vmStateEnum = pgEnum("vm_state", [
  "provisioning",
  "running",
  "stopped",
  "paused",
  "failed",
  "missing",
  "deleting",
  "deleted",
]);

export const vms = pgTable(
  "vms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id),
    vmid: integer("vmid"),
    node: text("node"),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    state: vmStateEnum("state").notNull().default("provisioning"),
    cores: integer("cores").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    diskGb: integer("disk_gb").notNull(),
    leaseExpiresAt: timestamp("lease_expires_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { mode: "date", withTimezone: true }),
  },
  (vm) => [
    index("vms_owner_idx").on(vm.ownerId),
    // One live record per Proxmox VM; deleted records keep their history.
    uniqueIndex("vms_cluster_vmid_live_idx").on(vm.clusterId, vm.vmid).where(sql`deleted_at is null`),
  ],
);

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
  },
  (event) => [
    index("audit_events_at_idx").on(event.at),
    index("audit_events_actor_idx").on(event.actorId),
    index("audit_events_target_idx").on(event.targetType, event.targetId),
  ],
);

// --- Durable jobs (lib/jobs): the embedded runner's queue, memoized steps and cron bookkeeping ---------
export const jobStateEnum = pgEnum("job_state", ["queued", "running", "succeeded", "failed", "cancelled"]);

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    functionId: text("function_id").notNull(),
    eventName: text("event_name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    state: jobStateEnum("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    runAfter: timestamp("run_after", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { mode: "date", withTimezone: true }),
    lockedBy: text("locked_by"),
    idempotencyKey: text("idempotency_key"),
    progressPercent: integer("progress_percent"),
    progressMessage: text("progress_message"),
    result: jsonb("result"),
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (job) => [
    index("jobs_claim_idx").on(job.state, job.runAfter),
    index("jobs_created_idx").on(job.createdAt),
    // Nulls are distinct, so jobs without a key never collide.
    uniqueIndex("jobs_function_idempotency_idx").on(job.functionId, job.idempotencyKey),
  ],
);

/** A step that completed, so a resumed or retried run returns its output instead of running it again. */
export const jobSteps = pgTable(
  "job_steps",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    output: jsonb("output"),
    completedAt: timestamp("completed_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (step) => [primaryKey({ columns: [step.jobId, step.stepId] })],
);

export const cronSchedules = pgTable("cron_schedules", {
  functionId: text("function_id").primaryKey(),
  cron: text("cron").notNull(),
  lastRunAt: timestamp("last_run_at", { mode: "date", withTimezone: true }),
  nextRunAt: timestamp("next_run_at", { mode: "date", withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const usersRelations = relations(users, ({ many }) => ({ vms: many(vms), sessions: many(sessions) }));
export const vmsRelations = relations(vms, ({ one }) => ({
  owner: one(users, { fields: [vms.ownerId], references: [users.id] }),
  cluster: one(clusters, { fields: [vms.clusterId], references: [clusters.id] }),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type Group = typeof groups.$inferSelect;
export type Cluster = typeof clusters.$inferSelect;
export type NewCluster = typeof clusters.$inferInsert;
export type Vm = typeof vms.$inferSelect;
export type NewVm = typeof vms.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
export type JobState = (typeof jobStateEnum.enumValues)[number];
export type JobStep = typeof jobSteps.$inferSelect;
export type CronSchedule = typeof cronSchedules.$inferSelect;
