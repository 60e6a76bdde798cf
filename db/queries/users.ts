import "server-only";
import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { getDb } from "../client";
import { accounts, type Role, sessions, type User, users } from "../schema";
import { type KeysetCursor, pastCursor } from "./keyset";

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

/** The order people are listed in: by name (else e-mail), any case; never null, so pages can follow it. */
const listedName = sql<string>`lower(coalesce(${users.name}, ${users.email}, ${users.username}, ${users.id}))`;

/** The key `listUsers` sorts by, for the cursor of the person a page ended at. */
export function listedNameOf(user: Pick<User, "id" | "name" | "email" | "username">): string {
  return (user.name ?? user.email ?? user.username ?? user.id).toLowerCase();
}

export async function listUsers({
  search,
  after = null,
  limit = 500,
}: {
  search?: string;
  /** The (listed name, id) the previous page ended at. */
  after?: KeysetCursor<string> | null;
  limit?: number;
} = {}): Promise<User[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  return getDb()
    .select()
    .from(users)
    .where(
      and(
        pattern
          ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.username, pattern))
          : undefined,
        after ? pastCursor("asc", listedName, users.id, after) : undefined,
      ),
    )
    .orderBy(asc(listedName), asc(users.id))
    .limit(limit);
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

/** The profile's language and time zone; null for either follows the browser. */
export async function setLanguagePreferences(
  id: string,
  preferences: { locale: string | null; timeZone: string | null },
): Promise<void> {
  await getDb().update(users).set(preferences).where(eq(users.id, id));
}

/** What the browser last asked for, written only when it changed, so a page view costs no write. */
export async function rememberBrowserLocale(
  id: string,
  seen: { locale: string; timeZone: string | null },
): Promise<void> {
  await getDb()
    .update(users)
    .set({ browserLocale: seen.locale, browserTimeZone: seen.timeZone })
    .where(
      and(
        eq(users.id, id),
        or(
          sql`${users.browserLocale} is distinct from ${seen.locale}`,
          sql`${users.browserTimeZone} is distinct from ${seen.timeZone}`,
        ),
      ),
    );
}
