import "server-only";
import { and, asc, eq, ilike, isNull, lte, or } from "drizzle-orm";
import { getDb } from "../client";
import { users, type Vm, type VmState, vms } from "../schema";
import { userLabel } from "./users";

export interface AdminVmFilter {
  owner?: string;
  state?: VmState;
  node?: string;
  clusterId?: string;
  /** Leases ending within this many days (or already ended). */
  leaseWithinDays?: number;
}

export interface AdminVmRow {
  vm: Vm;
  owner: { id: string; label: string; email: string | null };
}

/** Every live VM the portal records, for admins, filtered; deleted ones are left out. */
export async function listAllVms(filter: AdminVmFilter = {}, now = new Date()): Promise<AdminVmRow[]> {
  const owner = filter.owner?.replace(/[\\%_]/g, "\\$&");
  const rows = await getDb()
    .select({ vm: vms, owner: { id: users.id, label: userLabel, email: users.email } })
    .from(vms)
    .innerJoin(users, eq(users.id, vms.ownerId))
    .where(
      and(
        isNull(vms.deletedAt),
        owner
          ? or(
              ilike(users.name, `%${owner}%`),
              ilike(users.username, `%${owner}%`),
              ilike(users.email, `%${owner}%`),
            )
          : undefined,
        filter.state ? eq(vms.state, filter.state) : undefined,
        filter.node ? eq(vms.node, filter.node) : undefined,
        filter.clusterId ? eq(vms.clusterId, filter.clusterId) : undefined,
        filter.leaseWithinDays !== undefined
          ? and(
              eq(vms.leaseExempt, false),
              lte(vms.leaseExpiresAt, new Date(now.getTime() + filter.leaseWithinDays * 86_400_000)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(vms.name))
    .limit(500);
  return rows;
}

export async function setVmOwner({ id, ownerId }: { id: string; ownerId: string }): Promise<void> {
  await getDb().update(vms).set({ ownerId, updatedAt: new Date() }).where(eq(vms.id, id));
}
