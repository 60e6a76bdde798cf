import "server-only";
import { and, count, eq, gt, isNotNull, min } from "drizzle-orm";
import { getDb } from "../client";
import { consoleTickets, vmShares, vms } from "../schema";

export interface RecentCount {
  count: number;
  /** When the oldest of them was made: the window frees a place once it ages out. */
  oldest: Date | null;
}

/** Console tickets issued to a person since `since`, used or not. */
export async function countConsoleTicketsIssued({
  userId,
  since,
}: {
  userId: string;
  since: Date;
}): Promise<RecentCount> {
  const [row] = await getDb()
    .select({ count: count(), oldest: min(consoleTickets.createdAt) })
    .from(consoleTickets)
    .where(and(eq(consoleTickets.userId, userId), gt(consoleTickets.createdAt, since)));
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ?? null };
}

/** VMs a person asked for since `since`, whatever became of them. */
export async function countVmsRequested({
  ownerId,
  since,
}: {
  ownerId: string;
  since: Date;
}): Promise<RecentCount> {
  const [row] = await getDb()
    .select({ count: count(), oldest: min(vms.createdAt) })
    .from(vms)
    .where(and(eq(vms.ownerId, ownerId), gt(vms.createdAt, since)));
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ?? null };
}

/** Invitations (shares to an e-mail nobody signed in with) a person sent since `since`. */
export async function countInvitesSent({
  userId,
  since,
}: {
  userId: string;
  since: Date;
}): Promise<RecentCount> {
  const [row] = await getDb()
    .select({ count: count(), oldest: min(vmShares.createdAt) })
    .from(vmShares)
    .where(
      and(eq(vmShares.createdById, userId), isNotNull(vmShares.inviteEmail), gt(vmShares.createdAt, since)),
    );
  return { count: Number(row?.count ?? 0), oldest: row?.oldest ?? null };
}
