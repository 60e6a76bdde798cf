import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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

export type Cluster = typeof clusters.$inferSelect;
export type NewCluster = typeof clusters.$inferInsert;

/**
 * The clones in flight on one storage, across every process of the portal: slot numbers below the limit,
 * each held by one clone (`token`) and renewed while it runs, so a holder that died frees its slot.
 */
export const storageCloneSlots = pgTable(
  "storage_clone_slots",
  {
    /** cluster/node/storage for local storage, cluster//storage for shared. */
    storageKey: text("storage_key").notNull(),
    slot: integer("slot").notNull(),
    token: text("token").notNull(),
    renewedAt: timestamp("renewed_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (slot) => [primaryKey({ columns: [slot.storageKey, slot.slot] })],
);
