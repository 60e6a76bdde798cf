import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clusters } from "./clusters";
import { users } from "./people";
import { projects } from "./projects";
import { vms } from "./vms";

export const backupModes = ["snapshot", "suspend", "stop"] as const;
export type BackupMode = (typeof backupModes)[number];
/** vzdump's `compress` values the portal offers; PBS compresses on its own and ignores it. */
export const backupCompressions = ["zstd", "lzo", "gzip", "0"] as const;
export type BackupCompression = (typeof backupCompressions)[number];

/** A storage an admin approved for members' backups, with the modes and compression allowed there. */
export const backupStorages = pgTable(
  "backup_storages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    /** The Proxmox storage id, e.g. `pbs` or `local`. */
    storage: text("storage").notNull(),
    /** Proxmox's storage type: `pbs` allows single-file restore; `dir`, `nfs`, `cifs` do not. */
    type: text("type").notNull(),
    label: text("label").notNull(),
    modes: text("modes").array().$type<BackupMode[]>().notNull(),
    compress: text("compress").$type<BackupCompression>().notNull().default("zstd"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (storage) => [uniqueIndex("backup_storages_cluster_storage_idx").on(storage.clusterId, storage.storage)],
);

export const backupStateEnum = pgEnum("backup_state", ["running", "done", "failed", "removed"]);
export const backupOriginEnum = pgEnum("backup_origin", ["manual", "schedule", "safety"]);

/**
 * One vzdump of one VM. The row exists from the moment the quota admits it (it is the reservation, with the
 * VM's disk size as its estimate) and keeps its history after the volume is removed.
 */
export const backups = pgTable(
  "backups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vmId: uuid("vm_id")
      .notNull()
      .references(() => vms.id),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    /** The VM's project when it was backed up: the backup counts in that project's quota. */
    projectId: uuid("project_id").references(() => projects.id),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id),
    storageId: uuid("storage_id")
      .notNull()
      .references(() => backupStorages.id),
    /** The node that ran vzdump; the volume is read through it (a `dir` storage is local to it). */
    node: text("node").notNull(),
    /** The VM's Proxmox id when it was backed up; a restore over it, or of it, names this owner. */
    vmid: integer("vmid").notNull(),
    volid: text("volid"),
    /** The VM's size when it was backed up: what a restore as a new VM takes of the quota. */
    cores: integer("cores").notNull(),
    memoryMb: integer("memory_mb").notNull(),
    diskGb: integer("disk_gb").notNull(),
    note: text("note").notNull().default(""),
    mode: text("mode").$type<BackupMode>().notNull(),
    origin: backupOriginEnum("origin").notNull().default("manual"),
    state: backupStateEnum("state").notNull().default("running"),
    progress: integer("progress"),
    /** Bytes on the storage once done; until then the estimate the quota reserved. */
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    protected: boolean("protected").notNull().default(false),
    upid: text("upid"),
    error: text("error"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
    removedAt: timestamp("removed_at", { mode: "date", withTimezone: true }),
  },
  (backup) => [
    index("backups_vm_idx").on(backup.vmId, backup.createdAt),
    index("backups_owner_idx").on(backup.ownerId).where(sql`state in ('running', 'done')`),
    index("backups_project_idx").on(backup.projectId).where(sql`state in ('running', 'done')`),
  ],
);

export const backupFrequencyEnum = pgEnum("backup_frequency", ["daily", "weekly"]);

/** A VM's backup schedule and retention; times are UTC. */
export const backupSchedules = pgTable("backup_schedules", {
  vmId: uuid("vm_id")
    .primaryKey()
    .references(() => vms.id),
  storageId: uuid("storage_id")
    .notNull()
    .references(() => backupStorages.id),
  mode: text("mode").$type<BackupMode>().notNull().default("snapshot"),
  frequency: backupFrequencyEnum("frequency").notNull(),
  /** 0 = Sunday … 6 = Saturday; weekly schedules only. */
  weekday: integer("weekday"),
  /** Minutes after midnight UTC. */
  minuteOfDay: integer("minute_of_day").notNull(),
  keepLast: integer("keep_last").notNull().default(3),
  keepDaily: integer("keep_daily").notNull().default(0),
  keepWeekly: integer("keep_weekly").notNull().default(0),
  enabled: boolean("enabled").notNull().default(true),
  nextRunAt: timestamp("next_run_at", { mode: "date", withTimezone: true }).notNull(),
  lastRunAt: timestamp("last_run_at", { mode: "date", withTimezone: true }),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export type BackupStorage = typeof backupStorages.$inferSelect;
export type NewBackupStorage = typeof backupStorages.$inferInsert;
export type Backup = typeof backups.$inferSelect;
export type NewBackup = typeof backups.$inferInsert;
export type BackupState = (typeof backupStateEnum.enumValues)[number];
export type BackupSchedule = typeof backupSchedules.$inferSelect;
export type NewBackupSchedule = typeof backupSchedules.$inferInsert;
