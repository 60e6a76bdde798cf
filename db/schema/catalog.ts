import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clusters } from "./clusters";

/** An installer ISO admins approved for members to boot new VMs from. */
export const isos = pgTable(
  "isos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    volid: text("volid").notNull(),
    label: text("label").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (iso) => [uniqueIndex("isos_cluster_volid_idx").on(iso.clusterId, iso.volid)],
);

/** A bridge (and VLAN) admins approved for members' VMs to attach to. */
export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    bridge: text("bridge").notNull(),
    vlan: integer("vlan"),
    label: text("label").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (network) => [
    uniqueIndex("networks_cluster_bridge_vlan_idx").on(network.clusterId, network.bridge, network.vlan),
  ],
);

/** A Proxmox template VM admins approved for members to clone. */
export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clusterId: text("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    node: text("node").notNull(),
    vmid: integer("vmid").notNull(),
    label: text("label").notNull(),
    os: text("os").notNull(),
    defaultUser: text("default_user").notNull(),
    minDiskGb: integer("min_disk_gb").notNull(),
    cloneMode: text("clone_mode", { enum: ["linked", "full"] })
      .notNull()
      .default("full"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (template) => [uniqueIndex("templates_cluster_vmid_idx").on(template.clusterId, template.vmid)],
);

export type Template = typeof templates.$inferSelect;
export type Iso = typeof isos.$inferSelect;
export type Network = typeof networks.$inferSelect;
