import "server-only";
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import { type ConsoleTicket, consoleTickets, users } from "../schema";

export async function insertConsoleTicket(ticket: typeof consoleTickets.$inferInsert): Promise<void> {
  await getDb().insert(consoleTickets).values(ticket);
}

/** Sessions the relays still report: redeemed, not closed, seen since `seenSince`. */
const openSession = (seenSince: Date) =>
  and(
    isNotNull(consoleTickets.usedAt),
    isNull(consoleTickets.closedAt),
    gt(consoleTickets.lastSeenAt, seenSince),
  );

export async function countOpenConsoleSessions(
  { userId, seenSince }: { userId: string; seenSince: Date },
  db: Executor = getDb(),
): Promise<number> {
  const [row] = await db
    .select({ open: count() })
    .from(consoleTickets)
    .where(and(eq(consoleTickets.userId, userId), openSession(seenSince)));
  return Number(row?.open ?? 0);
}

export type ClaimResult = { ticket: ConsoleTicket } | { refused: "limit" } | null;

/**
 * Marks the ticket used if it is unused and unexpired, and the user has fewer than `limit` consoles open.
 * Under the user's row lock, so of two relays redeeming at once exactly one gets the row, and parallel
 * redemptions of one user's tickets cannot pass the limit together.
 */
export async function claimConsoleTicket({
  tokenHash,
  now,
  limit,
  seenSince,
}: {
  tokenHash: string;
  now: Date;
  limit: number;
  seenSince: Date;
}): Promise<ClaimResult> {
  return getDb().transaction(async (tx) => {
    const [candidate] = await tx
      .select({ userId: consoleTickets.userId })
      .from(consoleTickets)
      .where(eq(consoleTickets.tokenHash, tokenHash));
    if (!candidate) return null;
    await tx.select({ id: users.id }).from(users).where(eq(users.id, candidate.userId)).for("update");
    const [row] = await tx
      .update(consoleTickets)
      .set({ usedAt: now, lastSeenAt: now })
      .where(
        and(
          eq(consoleTickets.tokenHash, tokenHash),
          isNull(consoleTickets.usedAt),
          gt(consoleTickets.expiresAt, now),
          sql`(select count(*) from ${consoleTickets} as open where open.user_id = ${candidate.userId}
                 and open.used_at is not null and open.closed_at is null
                 and open.last_seen_at > ${seenSince.toISOString()}::timestamptz) < ${limit}`,
        ),
      )
      .returning();
    if (row) return { ticket: row };
    const [current] = await tx
      .select({ usedAt: consoleTickets.usedAt, expiresAt: consoleTickets.expiresAt })
      .from(consoleTickets)
      .where(eq(consoleTickets.tokenHash, tokenHash));
    return current && !current.usedAt && current.expiresAt > now ? { refused: "limit" as const } : null;
  });
}

export async function getConsoleTicket({ tokenHash }: { tokenHash: string }): Promise<ConsoleTicket | null> {
  const [row] = await getDb()
    .select()
    .from(consoleTickets)
    .where(eq(consoleTickets.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function touchConsoleSessions({ tokenHashes, now }: { tokenHashes: string[]; now: Date }) {
  if (tokenHashes.length === 0) return;
  await getDb()
    .update(consoleTickets)
    .set({ lastSeenAt: now })
    .where(and(inArray(consoleTickets.tokenHash, tokenHashes), isNull(consoleTickets.closedAt)));
}

/** Closes a session once; returns it as it was closed, or null when it was not open. */
export async function closeConsoleSession({
  tokenHash,
  now,
  reason,
  bytesToBrowser,
  bytesToVm,
}: {
  tokenHash: string;
  now: Date;
  reason: string;
  bytesToBrowser: number;
  bytesToVm: number;
}): Promise<ConsoleTicket | null> {
  const [row] = await getDb()
    .update(consoleTickets)
    .set({ closedAt: now, lastSeenAt: now, closeReason: reason, bytesToBrowser, bytesToVm })
    .where(
      and(
        eq(consoleTickets.tokenHash, tokenHash),
        isNotNull(consoleTickets.usedAt),
        isNull(consoleTickets.closedAt),
      ),
    )
    .returning();
  return row ?? null;
}

/** Drops unused tickets past their expiry and sessions that closed, or went silent, before `before`. */
export async function deleteExpiredConsoleTickets({ before }: { before: Date }): Promise<void> {
  await getDb()
    .delete(consoleTickets)
    .where(
      or(
        and(isNull(consoleTickets.usedAt), lt(consoleTickets.expiresAt, before)),
        lt(consoleTickets.closedAt, before),
        and(
          isNull(consoleTickets.closedAt),
          // A raw expression gets no column type, so the date is passed as text and cast.
          sql`coalesce(${consoleTickets.lastSeenAt}, ${consoleTickets.expiresAt}) < ${before.toISOString()}::timestamptz`,
        ),
      ),
    );
}
