import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../client";
import { cohorts, consoleTickets, projectMembers, type Role, users, vmShares, vms } from "../schema";
import { liveShare, type VmStanding } from "./vm-access";

export interface ConsoleAccessFacts {
  tokenHash: string;
  userId: string;
  userDisabled: boolean;
  userRole: Role;
  /** How the ticket's person stands to its VM now, for the one rule to judge again. */
  standing: VmStanding;
}

/** For each open session's ticket: its person as they are now, and how they stand to its VM now. */
export async function listConsoleAccessFacts({
  tokenHashes,
  now = new Date(),
}: {
  tokenHashes: string[];
  now?: Date;
}): Promise<ConsoleAccessFacts[]> {
  if (tokenHashes.length === 0) return [];
  const rows = await getDb()
    .select({
      tokenHash: consoleTickets.tokenHash,
      userId: consoleTickets.userId,
      userDisabled: users.disabled,
      userRole: users.role,
      vm: vms,
      projectRole: projectMembers.role,
      shareRole: vmShares.role,
      cohortTeacherId: cohorts.teacherId,
    })
    .from(consoleTickets)
    .innerJoin(users, eq(users.id, consoleTickets.userId))
    .innerJoin(vms, eq(vms.id, consoleTickets.vmId))
    .leftJoin(cohorts, eq(cohorts.id, vms.cohortId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, vms.projectId), eq(projectMembers.userId, consoleTickets.userId)),
    )
    .leftJoin(
      vmShares,
      and(eq(vmShares.vmId, vms.id), eq(vmShares.userId, consoleTickets.userId), liveShare(now)),
    )
    .where(inArray(consoleTickets.tokenHash, tokenHashes));
  return rows.map(({ vm, projectRole, shareRole, cohortTeacherId, ...person }) => ({
    ...person,
    standing: { vm, projectRole, shareRole, cohortTeacherId },
  }));
}
