import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "../client";
import { consoleTickets, users, vms } from "../schema";

export interface ConsoleAccessFacts {
  tokenHash: string;
  userId: string;
  userDisabled: boolean;
  userRole: "member" | "auditor" | "admin";
  vmOwnerId: string;
  vmState: string;
}

/** For each open session's ticket: its person as they are now, and its VM's owner and state now. */
export async function listConsoleAccessFacts({
  tokenHashes,
}: {
  tokenHashes: string[];
}): Promise<ConsoleAccessFacts[]> {
  if (tokenHashes.length === 0) return [];
  return getDb()
    .select({
      tokenHash: consoleTickets.tokenHash,
      userId: consoleTickets.userId,
      userDisabled: users.disabled,
      userRole: users.role,
      vmOwnerId: vms.ownerId,
      vmState: vms.state,
    })
    .from(consoleTickets)
    .innerJoin(users, eq(users.id, consoleTickets.userId))
    .innerJoin(vms, eq(vms.id, consoleTickets.vmId))
    .where(inArray(consoleTickets.tokenHash, tokenHashes));
}
