import { boolean, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["member", "auditor", "admin"]);

// Auth.js's user table, exactly as @auth/drizzle-adapter documents it; the portal's own columns follow.
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
  /** The language the person chose in their profile; null follows their browser, then the portal's. */
  locale: text("locale"),
  /** The IANA time zone the person chose; null follows their browser's. */
  timeZone: text("time_zone"),
  /** The language and time zone the person's browser last asked for: mail follows them when no choice is made. */
  browserLocale: text("browser_locale"),
  browserTimeZone: text("browser_time_zone"),
});

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

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type SshKey = typeof sshKeys.$inferSelect;
