import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { isos, networks, templates } from "./catalog";
import { clusters } from "./clusters";
import { users } from "./people";
import { projects } from "./projects";

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
    /** Who made the VM; for a personal VM (no project) also who owns it and whose quota it counts in. */
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    /** The project that owns the VM and whose quota it counts in; null for a personal VM. */
    projectId: uuid("project_id").references(() => projects.id),
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
    /** The cohort the VM is a student's seat in; its seat row says whose. */
    cohortId: uuid("cohort_id"),
    /** The snapshot "reset to baseline" rolls back to, taken when the VM was made. */
    baselineSnapshot: text("baseline_snapshot"),
    /** When the relay last carried a console of this VM; idle stop needs none open for its minutes. */
    lastConsoleAt: timestamp("last_console_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { mode: "date", withTimezone: true }),
  },
  (vm) => [
    index("vms_owner_idx").on(vm.ownerId),
    index("vms_project_idx").on(vm.projectId).where(sql`project_id is not null`),
    index("vms_lease_idx").on(vm.leaseExpiresAt).where(sql`deleted_at is null`),
    // One live record per Proxmox VM; deleted records keep their history.
    uniqueIndex("vms_cluster_vmid_live_idx").on(vm.clusterId, vm.vmid).where(sql`deleted_at is null`),
  ],
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

export type Vm = typeof vms.$inferSelect;
export type VmState = (typeof vmStateEnum.enumValues)[number];
export type NewVm = typeof vms.$inferInsert;
export type VmEvent = typeof vmEvents.$inferSelect;
