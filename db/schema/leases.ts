import { bigint, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { vms } from "./vms";

/**
 * What the lease sweep has done for each VM's lease, once: a reminder at an offset, the stop at expiry,
 * the deletion, the day's digest. The unique key makes overlapping sweeps and replicas act once.
 */
export const leaseNotices = pgTable(
  "lease_notices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    vmId: uuid("vm_id").references(() => vms.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (notice) => [uniqueIndex("lease_notices_key_idx").on(notice.key)],
);
