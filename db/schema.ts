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

/** The five dimensions every quota limits. */
function quotaColumns() {
  return {
    maxVms: integer("max_vms").notNull(),
    maxCores: integer("max_cores").notNull(),
    maxMemoryMb: integer("max_memory_mb").notNull(),
    maxDiskGb: integer("max_disk_gb").notNull(),
    maxSnapshots: integer("max_snapshots").notNull(),
  };
}

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
  /** The portal role membership grants, beside the OIDC_*_GROUPS lists; null grants none. */
  role: roleEnum("role"),
  ...quotaColumns(),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

/** An admin's quota for one person, overriding whatever their groups grant. */
export const userQuotas = pgTable("user_quotas", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ...quotaColumns(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
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
    templateId: uuid("template_id").references(() => templates.id, { onDelete: "set null" }),
    isoId: uuid("iso_id").references(() => isos.id, { onDelete: "set null" }),
    networkId: uuid("network_id").references(() => networks.id, { onDelete: "set null" }),
    state: vmStateEnum("state").notNull().default("provisioning"),
    /** Where provisioning is, or why it failed, in words a member understands. */
    stateDetail: text("state_detail"),
    progress: integer("progress"),
    ipAddress: text("ip_address"),
    /** The first NIC's MAC address, as Proxmox reports it; DHCP reservations are keyed by it. */
    macAddress: text("mac_address"),
    cores: integer("cores").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    diskGb: integer("disk_gb").notNull(),
    snapshotCount: integer("snapshot_count").notNull().default(0),
    leaseExpiresAt: timestamp("lease_expires_at", { mode: "date", withTimezone: true }),
    /** An admin's exemption: the lease never ends. */
    leaseExempt: boolean("lease_exempt").notNull().default(false),
    /** When the lease sweep stopped the VM at expiry; cleared by a renewal. */
    leaseStoppedAt: timestamp("lease_stopped_at", { mode: "date", withTimezone: true }),
    /** Since when the VM's CPU stayed under the idle threshold, as last measured; null when busy. */
    idleSince: timestamp("idle_since", { mode: "date", withTimezone: true }),
    /** The Proxmox pool the VM is in; VMs in pools admins mark ignored are never touched. */
    pool: text("pool"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { mode: "date", withTimezone: true }),
  },
  (vm) => [
    index("vms_owner_idx").on(vm.ownerId),
    index("vms_lease_idx").on(vm.leaseExpiresAt).where(sql`deleted_at is null`),
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
    /** An X-Request-Id from a reverse proxy, validated; request_id is always the portal's own. */
    upstreamRequestId: text("upstream_request_id"),
  },
  (event) => [
    index("audit_events_at_idx").on(event.at),
    index("audit_events_actor_idx").on(event.actorId),
    index("audit_events_target_idx").on(event.targetType, event.targetId),
  ],
);

/** Members' SSH public keys, put into cloud-init of the VMs they create. */
export const sshKeys = pgTable(
  "ssh_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    publicKey: text("public_key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (key) => [uniqueIndex("ssh_keys_user_fingerprint_idx").on(key.userId, key.fingerprint)],
);

/** The lifecycle timeline of a VM: everything that happened to it, by whom. */
export const vmEvents = pgTable(
  "vm_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    vmId: uuid("vm_id")
      .notNull()
      .references(() => vms.id, { onDelete: "cascade" }),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (event) => [index("vm_events_vm_at_idx").on(event.vmId, event.at)],
);

/** An installer ISO admins approved for members to boot new VMs from. */
export const isos = pgTable(
  "isos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    volid: text("volid").notNull(),
    label: text("label").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (iso) => [uniqueIndex("isos_cluster_volid_idx").on(iso.clusterId, iso.volid)],
);

/** A bridge (and VLAN) admins approved for members' VMs to attach to. */
export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    bridge: text("bridge").notNull(),
    vlan: integer("vlan"),
    label: text("label").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (network) => [
    uniqueIndex("networks_cluster_bridge_vlan_idx").on(network.clusterId, network.bridge, network.vlan),
  ],
);

/** A Proxmox template VM admins approved for members to clone. */
export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    node: text("node").notNull(),
    vmid: integer("vmid").notNull(),
    label: text("label").notNull(),
    os: text("os").notNull(),
    defaultUser: text("default_user").notNull(),
    minDiskGb: integer("min_disk_gb").notNull(),
    cloneMode: text("clone_mode", { enum: ["linked", "full"] })
      .notNull()
      .default("full"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (template) => [uniqueIndex("templates_cluster_vmid_idx").on(template.clusterId, template.vmid)],
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

/** Single-use console tickets: a browser's right to one console connection, redeemed once by a relay. */
export const consoleTickets = pgTable(
  "console_tickets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vmId: uuid("vm_id")
      .notNull()
      .references(() => vms.id, { onDelete: "cascade" }),
    clusterId: text("cluster_id").notNull(),
    node: text("node").notNull(),
    vmid: integer("vmid").notNull(),
    kind: text("kind", { enum: ["vnc", "serial"] }).notNull(),
    port: integer("port").notNull(),
    vncTicket: text("vnc_ticket").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { mode: "date", withTimezone: true }),
    /** Proxmox's user for the termproxy handshake, which the relay sends so the browser never sees it. */
    pveUser: text("pve_user"),
    /** The API URL that answered vncproxy/termproxy: the proxy listens on that node only. */
    apiUrl: text("api_url"),
    // A redeemed ticket is the console session it opened: the relay reports it alive and closed.
    lastSeenAt: timestamp("last_seen_at", { mode: "date", withTimezone: true }),
    closedAt: timestamp("closed_at", { mode: "date", withTimezone: true }),
    closeReason: text("close_reason"),
    bytesToBrowser: bigint("bytes_to_browser", { mode: "number" }).notNull().default(0),
    bytesToVm: bigint("bytes_to_vm", { mode: "number" }).notNull().default(0),
  },
  (ticket) => [index("console_tickets_user_idx").on(ticket.userId)],
);

/**
 * What the lease sweep has done for each VM's lease, once: a reminder at an offset, the stop at expiry,
 * the deletion, the day's digest. The unique key makes overlapping sweeps and replicas act once.
 */
export const leaseNotices = pgTable(
  "lease_notices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (notice) => [uniqueIndex("lease_notices_key_idx").on(notice.key)],
);

/**
 * Every e-mail the portal sends, kept as the outbox: demo mode stops here (the UI shows it); with Resend
 * configured, delivery works through the pending rows with retries, one id per message so none goes twice.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dedupeKey: text("dedupe_key").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    to: text("to").notNull(),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "outbox"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { mode: "date", withTimezone: true }),
  },
  (mail) => [
    uniqueIndex("mail_messages_dedupe_idx").on(mail.dedupeKey),
    index("mail_messages_user_idx").on(mail.userId, mail.createdAt),
    index("mail_messages_pending_idx").on(mail.status, mail.nextAttemptAt),
  ],
);

export const usersRelations = relations(users, ({ many }) => ({ vms: many(vms), sessions: many(sessions) }));
export const vmsRelations = relations(vms, ({ one }) => ({
  owner: one(users, { fields: [vms.ownerId], references: [users.id] }),
  cluster: one(clusters, { fields: [vms.clusterId], references: [clusters.id] }),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type Group = typeof groups.$inferSelect;
export type UserQuota = typeof userQuotas.$inferSelect;
export type Cluster = typeof clusters.$inferSelect;
export type NewCluster = typeof clusters.$inferInsert;
export type Vm = typeof vms.$inferSelect;
export type VmState = (typeof vmStateEnum.enumValues)[number];
export type NewVm = typeof vms.$inferInsert;
export type SshKey = typeof sshKeys.$inferSelect;
export type VmEvent = typeof vmEvents.$inferSelect;
export type Template = typeof templates.$inferSelect;
export type Iso = typeof isos.$inferSelect;
export type Network = typeof networks.$inferSelect;
export type ConsoleTicket = typeof consoleTickets.$inferSelect;
export type MailMessage = typeof mailMessages.$inferSelect;
export type NewMailMessage = typeof mailMessages.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
export type JobState = (typeof jobStateEnum.enumValues)[number];
export type JobStep = typeof jobSteps.$inferSelect;
export type CronSchedule = typeof cronSchedules.$inferSelect;
