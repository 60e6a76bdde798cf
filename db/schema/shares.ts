import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./people";
import { vms } from "./vms";

/** operator: power, console, snapshots, renew; viewer: sees state and charts. */
export const shareRoleEnum = pgEnum("share_role", ["operator", "viewer"]);

/**
 * One VM shared with one person. A share to someone who never signed in names their e-mail and binds to
 * them at their first sign-in with that (verified) address.
 */
export const vmShares = pgTable(
  "vm_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vmId: uuid("vm_id")
      .notNull()
      .references(() => vms.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Lower-cased; set while the share waits for its person's first sign-in. */
    inviteEmail: text("invite_email"),
    role: shareRoleEnum("role").notNull(),
    /** The share stops working at this moment, without anyone acting. */
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (share) => [
    index("vm_shares_user_idx").on(share.userId).where(sql`revoked_at is null`),
    index("vm_shares_invite_idx").on(share.inviteEmail).where(sql`revoked_at is null`),
    uniqueIndex("vm_shares_vm_user_live_idx").on(share.vmId, share.userId).where(sql`revoked_at is null`),
    uniqueIndex("vm_shares_vm_invite_live_idx")
      .on(share.vmId, share.inviteEmail)
      .where(sql`revoked_at is null`),
    check("vm_shares_person", sql`user_id is not null or invite_email is not null`),
  ],
);

export type VmShare = typeof vmShares.$inferSelect;
export type ShareRole = (typeof shareRoleEnum.enumValues)[number];
