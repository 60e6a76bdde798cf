import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./people";

/**
 * Personal API tokens. Only a hash of the secret is kept; the prefix (the token's first characters) lets
 * a person recognise a token in the list without the portal knowing the rest.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** read, operate, manage; admin:read, admin:write for admins' tokens. */
    scopes: text("scopes").array().notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { mode: "date", withTimezone: true }),
    lastUsedFrom: text("last_used_from"),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (token) => [
    uniqueIndex("api_tokens_secret_hash_idx").on(token.secretHash),
    index("api_tokens_user_idx").on(token.userId),
  ],
);

/**
 * A write's answer kept under the caller's `Idempotency-Key`, so a retried request gets the first
 * answer instead of doing the work twice. `requestHash` catches a key reused for a different request.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still being answered. */
    status: integer("status"),
    body: jsonb("body"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (row) => [primaryKey({ columns: [row.tokenId, row.key] })],
);

/** Where admins want events delivered, and which ones. The signing secret is sealed like cluster secrets. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  eventTypes: text("event_types").array().notNull(),
  secretSealed: text("secret_sealed").notNull(),
  /** An admin's explicit leave to deliver to a private or loopback address. */
  allowPrivate: boolean("allow_private").notNull().default(false),
  disabledAt: timestamp("disabled_at", { mode: "date", withTimezone: true }),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

/** One event for one endpoint, with every attempt's answer. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The Standard Webhooks `webhook-id`: the same for every attempt of one delivery. */
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] })
      .notNull()
      .default("pending"),
    attempts: jsonb("attempts")
      .$type<{ at: string; status: number | null; error?: string; durationMs: number }[]>()
      .notNull()
      .default([]),
    nextAttemptAt: timestamp("next_attempt_at", { mode: "date", withTimezone: true }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { mode: "date", withTimezone: true }),
  },
  (delivery) => [
    index("webhook_deliveries_endpoint_idx").on(delivery.endpointId, delivery.createdAt),
    uniqueIndex("webhook_deliveries_message_idx").on(delivery.endpointId, delivery.messageId),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
