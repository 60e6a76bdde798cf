import "server-only";
import { and, desc, eq, inArray, lte, or } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type MailMessage, mailMessages, type NewMailMessage } from "../schema";
import { type KeysetCursor, pastCursor } from "./keyset";

/** Adds a message once per dedupe key; returns it when this call added it, null when it was there. */
export async function insertMail(mail: NewMailMessage, db: Executor = getDb()): Promise<MailMessage | null> {
  const [row] = await db
    .insert(mailMessages)
    .values(mail)
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .returning();
  return row ?? null;
}

/**
 * Takes up to `limit` messages due for delivery, marking them `sending` with a lease on them, so two
 * workers never hold the same one. A worker that died mid-send leaves the row to be taken again later.
 */
export async function claimMailForDelivery({
  now,
  limit,
  holdMs,
}: {
  now: Date;
  limit: number;
  holdMs: number;
}): Promise<MailMessage[]> {
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(
        and(
          or(eq(mailMessages.status, "pending"), eq(mailMessages.status, "sending")),
          lte(mailMessages.nextAttemptAt, now),
        ),
      )
      .orderBy(mailMessages.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailMessages)
      .set({ status: "sending", nextAttemptAt: new Date(now.getTime() + holdMs) })
      .where(
        inArray(
          mailMessages.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

export async function markMailSent({
  id,
  providerId,
  now,
}: {
  id: string;
  providerId: string | null;
  now: Date;
}) {
  await getDb()
    .update(mailMessages)
    .set({ status: "sent", providerId, sentAt: now, lastError: null })
    .where(eq(mailMessages.id, id));
}

export async function markMailFailed({
  id,
  error,
  attempts,
  retryAt,
}: {
  id: string;
  error: string;
  attempts: number;
  retryAt: Date | null;
}) {
  await getDb()
    .update(mailMessages)
    .set({
      status: retryAt ? "pending" : "failed",
      attempts,
      lastError: error,
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    })
    .where(eq(mailMessages.id, id));
}

/** Newest first: everyone's, or one person's; with `after`, the messages older than that cursor. */
export async function listMail({
  userId,
  after = null,
  limit = 100,
}: {
  userId?: string;
  after?: KeysetCursor<Date> | null;
  limit?: number;
} = {}): Promise<MailMessage[]> {
  return getDb()
    .select()
    .from(mailMessages)
    .where(
      and(
        userId ? eq(mailMessages.userId, userId) : undefined,
        after ? pastCursor("desc", mailMessages.createdAt, mailMessages.id, after) : undefined,
      ),
    )
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(limit);
}

/** One message written to this person; null for anyone else's. */
export async function getMailForUser({
  userId,
  id,
}: {
  userId: string;
  id: string;
}): Promise<MailMessage | null> {
  const [row] = await getDb()
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.userId, userId), eq(mailMessages.id, id)))
    .limit(1);
  return row ?? null;
}
