import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./people";
import { vms } from "./vms";

/** Single-use console tickets: a browser's right to one console connection, redeemed once by a relay. */
export const consoleTickets = pgTable(
  "console_tickets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    vmId: uuid("vm_id")
      .notNull()
      .references(() => vms.id, { onDelete: "cascade" }),
    clusterId: text("cluster_id").notNull(),
    node: text("node").notNull(),
    vmid: integer("vmid").notNull(),
    kind: text("kind", { enum: ["vnc", "serial"] }).notNull(),
    port: integer("port").notNull(),
    vncTicket: text("vnc_ticket").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { mode: "date", withTimezone: true }),
    /** Proxmox's user for the termproxy handshake, which the relay sends so the browser never sees it. */
    pveUser: text("pve_user"),
    /** The API URL that answered vncproxy/termproxy: the proxy listens on that node only. */
    apiUrl: text("api_url"),
    // A redeemed ticket is the console session it opened: the relay reports it alive and closed.
    lastSeenAt: timestamp("last_seen_at", { mode: "date", withTimezone: true }),
    closedAt: timestamp("closed_at", { mode: "date", withTimezone: true }),
    closeReason: text("close_reason"),
    bytesToBrowser: bigint("bytes_to_browser", { mode: "number" }).notNull().default(0),
    bytesToVm: bigint("bytes_to_vm", { mode: "number" }).notNull().default(0),
  },
  (ticket) => [index("console_tickets_user_idx").on(ticket.userId)],
);

export type ConsoleTicket = typeof consoleTickets.$inferSelect;
