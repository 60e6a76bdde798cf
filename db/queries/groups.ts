import "server-only";
import { asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "../client";
import { type Group, groups, type Role, type UserQuota, userQuotas } from "../schema";

export async function listGroups(): Promise<Group[]> {
  return getDb().select().from(groups).orderBy(asc(groups.name));
}

export async function upsertGroup(group: typeof groups.$inferInsert): Promise<Group> {
  const { name, ...rest } = group;
  const [row] = await getDb()
    .insert(groups)
    .values(group)
    .onConflictDoUpdate({ target: groups.name, set: rest })
    .returning();
  return row!;
}

/** Group names that grant a role, for sign-in. */
export async function listGroupRoles(): Promise<{ name: string; role: Role }[]> {
  const rows = await getDb()
    .select({ name: groups.name, role: groups.role })
    .from(groups)
    .where(isNotNull(groups.role));
  return rows.filter((row): row is { name: string; role: Role } => row.role !== null);
}

export async function deleteGroup({ id }: { id: string }): Promise<Group | null> {
  const [row] = await getDb().delete(groups).where(eq(groups.id, id)).returning();
  return row ?? null;
}

export async function setUserQuotaOverride(row: typeof userQuotas.$inferInsert): Promise<UserQuota> {
  const { userId, ...rest } = row;
  const [saved] = await getDb()
    .insert(userQuotas)
    .values(row)
    .onConflictDoUpdate({ target: userQuotas.userId, set: { ...rest, updatedAt: new Date() } })
    .returning();
  return saved!;
}

export async function clearUserQuotaOverride({ userId }: { userId: string }): Promise<boolean> {
  const rows = await getDb().delete(userQuotas).where(eq(userQuotas.userId, userId)).returning();
  return rows.length > 0;
}
