import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { getDb } from "../client";
import { idempotencyKeys } from "../schema";

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

/**
 * Claims a key for a request, forgetting a claim older than `expiredBefore` first: true when this request
 * holds the key now, else the record an earlier request left.
 */
export async function claimIdempotencyKey({
  tokenId,
  key,
  requestHash,
  expiredBefore,
}: {
  tokenId: string;
  key: string;
  requestHash: string;
  expiredBefore: Date;
}): Promise<{ claimed: true } | { claimed: false; record: IdempotencyRecord }> {
  const db = getDb();
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tokenId, tokenId),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, expiredBefore),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ tokenId, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true };
  const [record] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key)))
    .limit(1);
  // Gone between the insert and the select (its claimant gave it up): claim it again.
  if (!record) return claimIdempotencyKey({ tokenId, key, requestHash, expiredBefore });
  return { claimed: false, record };
}

export async function storeIdempotentAnswer({
  tokenId,
  key,
  status,
  body,
}: {
  tokenId: string;
  key: string;
  status: number;
  body: unknown;
}): Promise<void> {
  await getDb()
    .update(idempotencyKeys)
    .set({ status, body })
    .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key)));
}

export async function releaseIdempotencyKey({
  tokenId,
  key,
}: {
  tokenId: string;
  key: string;
}): Promise<void> {
  await getDb()
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key)));
}
