import "server-only";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { getDb } from "../client";
import { type ConsoleTicket, consoleTickets } from "../schema";

export async function insertConsoleTicket(ticket: typeof consoleTickets.$inferInsert): Promise<void> {
  await getDb().insert(consoleTickets).values(ticket);
}

/**
 * Marks the ticket used if it is unused and unexpired, in one statement: of two relays redeeming the same
 * token at once, exactly one gets the row.
 */
export async function claimConsoleTicket({
  tokenHash,
  now,
}: {
  tokenHash: string;
  now: Date;
}): Promise<ConsoleTicket | null> {
  const [row] = await getDb()
    .update(consoleTickets)
    .set({ usedAt: now })
    .where(
      and(
        eq(consoleTickets.tokenHash, tokenHash),
        isNull(consoleTickets.usedAt),
        gt(consoleTickets.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function getConsoleTicket({ tokenHash }: { tokenHash: string }): Promise<ConsoleTicket | null> {
  const [row] = await getDb()
    .select()
    .from(consoleTickets)
    .where(eq(consoleTickets.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function deleteExpiredConsoleTickets({ before }: { before: Date }): Promise<void> {
  await getDb().delete(consoleTickets).where(lt(consoleTickets.expiresAt, before));
}
