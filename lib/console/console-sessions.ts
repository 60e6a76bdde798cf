import "server-only";
import { closeConsoleSession, touchConsoleSessions } from "@/db/queries/console-tickets";
import { getUserById } from "@/db/queries/users";
import type { ConsoleTicket } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashConsoleToken } from "./ticket-hash";

async function actorFor(userId: string): Promise<AuditActor> {
  const user = await getUserById({ id: userId });
  return { id: userId, label: user?.name ?? user?.username ?? userId };
}

export async function auditConsoleOpened(ticket: ConsoleTicket): Promise<void> {
  await recordAuditEvent({
    actor: await actorFor(ticket.userId),
    action: "console.session.open",
    target: { type: "vm", id: ticket.vmId },
    result: "success",
    detail: { kind: ticket.kind, node: ticket.node, vmid: ticket.vmid },
  });
}

/** The relays' report of the sessions they still carry; the rest fall silent and stop counting. */
export async function consoleSessionsAlive(tokens: string[], now = new Date()): Promise<void> {
  await touchConsoleSessions({ tokenHashes: tokens.map(hashConsoleToken), now });
}

export interface ClosedConsole {
  reason: string;
  bytesToBrowser: number;
  bytesToVm: number;
}

/** Records a session's end once, with how long it lasted and what it carried. */
export async function consoleSessionClosed(
  token: string,
  closed: ClosedConsole,
  now = new Date(),
): Promise<boolean> {
  const session = await closeConsoleSession({ tokenHash: hashConsoleToken(token), now, ...closed });
  if (!session) return false;
  await recordAuditEvent({
    actor: await actorFor(session.userId),
    action: "console.session.close",
    target: { type: "vm", id: session.vmId },
    result: "success",
    detail: {
      kind: session.kind,
      durationMs: now.getTime() - (session.usedAt ?? now).getTime(),
      bytesToBrowser: closed.bytesToBrowser,
      bytesToVm: closed.bytesToVm,
      reason: closed.reason,
    },
  });
  return true;
}
