import "server-only";
import { and, count, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { getDb } from "../client";
import { type ApiToken, apiTokens, type User, users } from "../schema";

/** A token as its owner's list shows it: everything but the hash of its secret. */
export type ApiTokenListing = Omit<ApiToken, "secretHash">;

const listed = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedFrom: apiTokens.lastUsedFrom,
  revokedAt: apiTokens.revokedAt,
};

export async function insertApiToken(token: {
  userId: string;
  name: string;
  scopes: string[];
  prefix: string;
  secretHash: string;
  expiresAt: Date | null;
}): Promise<ApiTokenListing> {
  const [row] = await getDb().insert(apiTokens).values(token).returning(listed);
  return row!;
}

/** A person's tokens, newest first; revoked ones stay listed so the person sees what happened to them. */
export async function listApiTokens({
  userId,
  limit = 100,
}: {
  userId: string;
  limit?: number;
}): Promise<ApiTokenListing[]> {
  return getDb()
    .select(listed)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(limit);
}

/** Tokens that still work: neither revoked nor expired at `now`. */
export async function countLiveApiTokens({ userId, now }: { userId: string; now: Date }): Promise<number> {
  const [row] = await getDb()
    .select({ total: count() })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  return Number(row?.total ?? 0);
}

export async function findApiTokenByHash({
  secretHash,
}: {
  secretHash: string;
}): Promise<{ token: ApiToken; user: User } | null> {
  const [row] = await getDb()
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .where(eq(apiTokens.secretHash, secretHash))
    .limit(1);
  return row ?? null;
}

export async function getApiToken({
  userId,
  id,
}: {
  userId: string;
  id: string;
}): Promise<ApiTokenListing | null> {
  const [row] = await getDb()
    .select(listed)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
    .limit(1);
  return row ?? null;
}

/** Revokes one of a person's tokens; null when they have no such token or it is revoked already. */
export async function revokeApiToken({
  userId,
  id,
  at,
}: {
  userId: string;
  id: string;
  at: Date;
}): Promise<ApiTokenListing | null> {
  const [row] = await getDb()
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning(listed);
  return row ?? null;
}

/** Revokes every token a person still has, returning those it revoked. */
export async function revokeUserApiTokens({
  userId,
  at,
}: {
  userId: string;
  at: Date;
}): Promise<ApiTokenListing[]> {
  return getDb()
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning(listed);
}

/**
 * Records a use unless one was recorded less than `minIntervalMs` ago; the condition sits in the update so
 * concurrent calls write at most once.
 */
export async function recordApiTokenUse({
  id,
  at,
  from,
  minIntervalMs,
}: {
  id: string;
  at: Date;
  from: string | null;
  minIntervalMs: number;
}): Promise<boolean> {
  const rows = await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: at, lastUsedFrom: from })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(at.getTime() - minIntervalMs))),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
