import "server-only";
import {
  countConsoleTicketsIssued,
  countInvitesSent,
  countVmsRequested,
  type RecentCount,
} from "@/db/queries/request-counts";
import { rateLimited } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

export interface Limit {
  limit: number;
  windowMs: number;
}

// Generous for people, tight for scripts: each console ticket starts a proxy process on a Proxmox node,
// and each VM request clones a disk.
export const CONSOLE_TICKET_LIMIT: Limit = { limit: 20, windowMs: 60_000 };
export const VM_REQUEST_LIMIT: Limit = { limit: 20, windowMs: 5 * 60_000 };
// Each invitation mails an address nobody vouched for: the portal must not become a way to send mail.
export const INVITE_LIMIT: Limit = { limit: 20, windowMs: 24 * 60 * 60_000 };

/** Seconds until the window has a free place again, at least 1. */
export function retryAfterSeconds(recent: RecentCount, limit: Limit, now: Date): number {
  const frees = (recent.oldest ?? now).getTime() + limit.windowMs;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

function refuse(key: string, recent: RecentCount, limit: Limit, now: Date): never {
  const seconds = retryAfterSeconds(recent, limit, now);
  throw rateLimited(message(key, { count: recent.count, seconds }), seconds);
}

export async function limitConsoleTickets(userId: string, now = new Date()): Promise<void> {
  const recent = await countConsoleTicketsIssued({
    userId,
    since: new Date(now.getTime() - CONSOLE_TICKET_LIMIT.windowMs),
  });
  if (recent.count >= CONSOLE_TICKET_LIMIT.limit)
    refuse("errors.limits.consoles", recent, CONSOLE_TICKET_LIMIT, now);
}

export async function limitVmRequests(ownerId: string, now = new Date()): Promise<void> {
  const recent = await countVmsRequested({
    ownerId,
    since: new Date(now.getTime() - VM_REQUEST_LIMIT.windowMs),
  });
  if (recent.count >= VM_REQUEST_LIMIT.limit)
    refuse("errors.limits.vmRequests", recent, VM_REQUEST_LIMIT, now);
}

export async function limitInvites(userId: string, now = new Date()): Promise<void> {
  const recent = await countInvitesSent({ userId, since: new Date(now.getTime() - INVITE_LIMIT.windowMs) });
  if (recent.count >= INVITE_LIMIT.limit) refuse("errors.limits.invites", recent, INVITE_LIMIT, now);
}
