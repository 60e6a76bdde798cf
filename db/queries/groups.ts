import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "../client";
import { type Group, groups, type UserQuota, userQuotas } from "../schema";

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
