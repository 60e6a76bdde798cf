import "server-only";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { getDb } from "../client";
import { accounts, type Role, sessions, type User, users } from "../schema";

/** How a person is named in lists: their name, else username, e-mail or id. */
export const userLabel = sql<string>`coalesce(${users.name}, ${users.username}, ${users.email}, ${users.id})`;

export async function getUserById({ id }: { id: string }): Promise<User | null> {
  const [user] = await getDb().select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function getUserByAccount({
  provider,
  providerAccountId,
}: {
  provider: string;
  providerAccountId: string;
}): Promise<User | null> {
  const [row] = await getDb()
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(accounts.userId, users.id))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row?.user ?? null;
}

export async function recordSignIn({
  id,
  role,
  groups,
  username,
}: {
  id: string;
  role: Role;
  groups: string[];
  username: string | null;
}): Promise<void> {
  await getDb()
    .update(users)
    .set({ role, groups, username, lastLoginAt: new Date() })
    .where(eq(users.id, id));
}

export async function listUsers({ search }: { search?: string } = {}): Promise<User[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return getDb()
    .select()
    .from(users)
    .where(
      pattern
        ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.username, pattern))
        : undefined,
    )
    .orderBy(asc(sql`lower(coalesce(${users.name}, ${users.email}))`))
    .limit(500);
}

/** Disables or enables a user; disabling also ends every session they have. */
export async function setUserDisabled({
  id,
  disabled,
}: {
  id: string;
  disabled: boolean;
}): Promise<User | null> {
  return getDb().transaction(async (tx) => {
    const [user] = await tx.update(users).set({ disabled }).where(eq(users.id, id)).returning();
    if (user && disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
    return user ?? null;
  });
}

export interface UserStats {
  byRole: Record<Role, number>;
  disabled: number;
}

export async function getUserStats(): Promise<UserStats> {
  const rows = await getDb()
    .select({
      role: users.role,
      total: count(),
      disabled: sql<number>`count(*) filter (where ${users.disabled})`,
    })
    .from(users)
    .groupBy(users.role);
  const byRole: Record<Role, number> = { member: 0, auditor: 0, admin: 0 };
  let disabled = 0;
  for (const row of rows) {
    byRole[row.role] = Number(row.total);
    disabled += Number(row.disabled);
  }
  return { byRole, disabled };
}
