import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./people";
import { quotaColumns } from "./quotas";

/** owner: everything, members included; operator: power, console, snapshots, renew (and creates VMs); viewer: sees. */
export const projectRoleEnum = pgEnum("project_role", ["owner", "operator", "viewer"]);

/** A team that owns VMs and a quota of its own; its VMs outlive any one member. */
export const projects = pgTable("projects", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** Names the project's Proxmox pool (`roostp-<slug>`); never changes once made. */
  slug: text("slug").notNull().unique(),
  description: text("description").notNull().default(""),
  /** An identity-provider group whose members are the project's members, synced at each sign-in. */
  idpGroup: text("idp_group"),
  /** The role a member who comes from the group gets. */
  groupRole: projectRoleEnum("group_role").notNull().default("operator"),
  ...quotaColumns(),
  /** The project's lease policy, within the portal's: null follows the portal's. */
  leaseLengthDays: integer("lease_length_days"),
  leaseMaxDays: integer("lease_max_days"),
  /** The project's idle stop, over the portal's; null follows the portal's (off by default). */
  idleStop: jsonb("idle_stop").$type<{
    enabled: boolean;
    minutes: number;
    cpuPercent: number;
    networkKibps: number;
  }>(),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp("archived_at", { mode: "date", withTimezone: true }),
});

export const projectMemberSourceEnum = pgEnum("project_member_source", ["manual", "group"]);

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: projectRoleEnum("role").notNull(),
    /** A group member is added and removed by the sign-in sync; a manual one by the project's owners. */
    source: projectMemberSourceEnum("source").notNull().default("manual"),
    addedAt: timestamp("added_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (member) => [
    primaryKey({ columns: [member.projectId, member.userId] }),
    index("project_members_user_idx").on(member.userId),
  ],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type ProjectMember = typeof projectMembers.$inferSelect;
export type ProjectRole = (typeof projectRoleEnum.enumValues)[number];
