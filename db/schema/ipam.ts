import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { networks } from "./catalog";
import { vms } from "./vms";

/** The addresses Roost hands out on one approved network, and how its VMs find the way and the names. */
export const ipPools = pgTable("ip_pools", {
  id: uuid("id").primaryKey().defaultRandom(),
  networkId: uuid("network_id")
    .notNull()
    .unique()
    .references(() => networks.id, { onDelete: "cascade" }),
  /** The subnet, like 10.20.0.0/24. */
  cidr: text("cidr").notNull(),
  gateway: text("gateway"),
  /** The first and last address Roost may hand out, both inside the subnet. */
  rangeStart: text("range_start").notNull(),
  rangeEnd: text("range_end").notNull(),
  dnsServers: text("dns_servers").array().notNull().default([]),
  /** The DNS zone the VMs' names live in, and their search domain. */
  domain: text("domain").notNull().unique(),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

/**
 * One address given to one VM. Releasing it keeps the row (with releasedAt) so the address rests for the
 * cool-down before anyone gets it again; a later allocation of the same address is a new row.
 */
export const ipAddresses = pgTable(
  "ip_addresses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    poolId: uuid("pool_id")
      .notNull()
      .references(() => ipPools.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    hostname: text("hostname").notNull(),
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "set null" }),
    allocatedAt: timestamp("allocated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp("released_at", { mode: "date", withTimezone: true }),
  },
  (lease) => [
    // The database, not the allocator, is what guarantees that no address or name is given out twice.
    uniqueIndex("ip_addresses_pool_address_active_idx")
      .on(lease.poolId, lease.address)
      .where(sql`released_at is null`),
    uniqueIndex("ip_addresses_pool_hostname_active_idx")
      .on(lease.poolId, lease.hostname)
      .where(sql`released_at is null`),
    index("ip_addresses_vm_idx").on(lease.vmId),
  ],
);

export type IpPool = typeof ipPools.$inferSelect;
export type NewIpPool = typeof ipPools.$inferInsert;
export type IpAddress = typeof ipAddresses.$inferSelect;
