import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum, users } from "./people";

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

/** Limits in five dimensions; usage and requests are measured in the same units. */
export type Quota = {
  vms: number;
  cores: number;
  memoryMb: number;
  diskGb: number;
  snapshots: number;
};
export type Usage = Quota;

export type Group = typeof groups.$inferSelect;
export type UserQuota = typeof userQuotas.$inferSelect;
