import "server-only";
import { listConsoleAccessFacts } from "@/db/queries/console-access";
import { closeConsoleSession, touchConsoleSessions } from "@/db/queries/console-tickets";
import { getUserById } from "@/db/queries/users";
import { noteConsoleUse } from "@/db/queries/vms";
import type { ConsoleTicket } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { accessFromStanding, allows } from "@/lib/authz/vm-access";
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

/**
 * The relays' report of the sessions they still carry; the rest fall silent and stop counting. The answer
 * names the sessions to end now: their person was disabled, the VM was deleted, or the one rule no longer
 * lets them open its console (transferred, removed from its project, a share revoked or run out, no
 * longer an admin). Unknown tokens end too.
 */
export async function consoleSessionsAlive(
  tokens: string[],
  now = new Date(),
): Promise<{ revoke: string[] }> {
  const byHash = new Map(tokens.map((token) => [hashConsoleToken(token), token]));
  await touchConsoleSessions({ tokenHashes: [...byHash.keys()], now });
  const facts = new Map(
    (await listConsoleAccessFacts({ tokenHashes: [...byHash.keys()], now })).map((row) => [
      row.tokenHash,
      row,
    ]),
  );
  const revoke = [...byHash].filter(([hash]) => {
    const row = facts.get(hash);
    if (!row || row.userDisabled || row.standing.vm.state === "deleted") return true;
    const person = { id: row.userId, role: row.userRole };
    return !allows(accessFromStanding(person, row.standing), "console");
  });
  // The consoles that go on are in use now: idle stop leaves their VMs alone.
  const revoked = new Set(revoke.map(([hash]) => hash));
  const inUse = [...facts.values()].filter((row) => !revoked.has(row.tokenHash));
  await noteConsoleUse({ vmIds: [...new Set(inUse.map((row) => row.standing.vm.id))], now });
  return { revoke: revoke.map(([, token]) => token) };
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
  await noteConsoleUse({ vmIds: [session.vmId], now });
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
