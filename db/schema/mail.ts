import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./people";

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

export type MailMessage = typeof mailMessages.$inferSelect;
export type NewMailMessage = typeof mailMessages.$inferInsert;
