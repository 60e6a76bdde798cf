import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum, users } from "./people";

/** What a quota saved before backups existed, or sent without them, allows of backups. */
export const defaultBackupLimits = { backups: 10, backupGb: 100 };

/** The dimensions every quota limits. */
export function quotaColumns() {
  return {
    maxVms: integer("max_vms").notNull(),
    maxCores: integer("max_cores").notNull(),
    maxMemoryMb: integer("max_memory_mb").notNull(),
    maxDiskGb: integer("max_disk_gb").notNull(),
    maxSnapshots: integer("max_snapshots").notNull(),
    maxBackups: integer("max_backups").notNull().default(defaultBackupLimits.backups),
    maxBackupGb: integer("max_backup_gb").notNull().default(defaultBackupLimits.backupGb),
  };
}

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

/** Limits in six dimensions (backups count twice: their number and total size); usage and requests are measured in the same units. */
export type Quota = {
  vms: number;
  cores: number;
  memoryMb: number;
  diskGb: number;
  snapshots: number;
  backups: number;
  /** Total size of the backups kept, in GiB (rounded up). */
  backupGb: number;
};
export type Usage = Quota;
/** A quota as older callers write it: the backup limits may be left out. */
export type QuotaInput = Omit<Quota, "backups" | "backupGb"> & Partial<Pick<Quota, "backups" | "backupGb">>;

/** Whose quota a VM or backup counts in: a person's (personal VMs) or a project's (its VMs). */
export type QuotaAccount = { kind: "user"; id: string } | { kind: "project"; id: string };

export type Group = typeof groups.$inferSelect;
export type UserQuota = typeof userQuotas.$inferSelect;
