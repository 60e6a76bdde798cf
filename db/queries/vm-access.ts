import { and, asc, eq, gt, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import {
  cohorts,
  type ProjectRole,
  projectMembers,
  projects,
  type ShareRole,
  type Vm,
  vmShares,
  vms,
} from "@/db/schema";

/** How one person stands to one VM, as the tables say: the VM, their role in its project, their live share. */
export interface VmStanding {
  vm: Vm;
  projectRole: ProjectRole | null;
  shareRole: ShareRole | null;
  /** The teacher of the class the VM was made for, if it was. */
  cohortTeacherId?: string | null;
}

/** A share that works now: not revoked, not expired. */
export const liveShare = (now: Date): SQL =>
  and(isNull(vmShares.revokedAt), or(isNull(vmShares.expiresAt), gt(vmShares.expiresAt, now)))!;

export async function getVmStanding(
  { vmId, userId, now = new Date() }: { vmId: string; userId: string; now?: Date },
  db: Executor = getDb(),
): Promise<VmStanding | null> {
  const [row] = await db
    .select({
      vm: vms,
      projectRole: projectMembers.role,
      shareRole: vmShares.role,
      cohortTeacherId: cohorts.teacherId,
    })
    .from(vms)
    .leftJoin(cohorts, eq(cohorts.id, vms.cohortId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, vms.projectId), eq(projectMembers.userId, userId)),
    )
    .leftJoin(vmShares, and(eq(vmShares.vmId, vms.id), eq(vmShares.userId, userId), liveShare(now)))
    .where(eq(vms.id, vmId))
    .limit(1);
  return row ?? null;
}

/**
 * The VMs a person sees as a member: their personal VMs, their projects' VMs, those shared with them
 * now and those of the classes they teach. The SQL twin of `vmAccess`'s "view": list pages and the live stream use it.
 */
export function visibleToPerson(userId: string, now: Date = new Date()): SQL {
  return or(
    and(isNull(vms.projectId), eq(vms.ownerId, userId)),
    sql`${vms.projectId} in (select ${projectMembers.projectId} from ${projectMembers} where ${projectMembers.userId} = ${userId})`,
    sql`${vms.id} in (select ${vmShares.vmId} from ${vmShares} where ${vmShares.userId} = ${userId} and ${liveShare(now)})`,
    sql`${vms.cohortId} in (select ${cohorts.id} from ${cohorts} where ${cohorts.teacherId} = ${userId})`,
  )!;
}

export interface VisibleVm extends VmStanding {
  /** The project the VM belongs to, null for a personal VM. */
  project: { id: string; name: string } | null;
}

/**
 * The live VMs a person sees as a member, each with how they stand to it (the rows `accessFromStanding`
 * reads), by name: the dashboard groups them into their own, each project's, and those shared with them.
 */
export async function listVisibleVms(
  {
    userId,
    now = new Date(),
    after = null,
    limit,
  }: {
    userId: string;
    now?: Date;
    /** The (name, id) the previous page ended at. */
    after?: readonly [string, string] | null;
    limit?: number;
  },
  db: Executor = getDb(),
): Promise<VisibleVm[]> {
  const rows = await db
    .select({
      vm: vms,
      projectRole: projectMembers.role,
      shareRole: vmShares.role,
      cohortTeacherId: cohorts.teacherId,
      projectId: projects.id,
      projectName: projects.name,
    })
    .from(vms)
    .leftJoin(projects, eq(projects.id, vms.projectId))
    .leftJoin(cohorts, eq(cohorts.id, vms.cohortId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, vms.projectId), eq(projectMembers.userId, userId)),
    )
    .leftJoin(vmShares, and(eq(vmShares.vmId, vms.id), eq(vmShares.userId, userId), liveShare(now)))
    .where(
      and(
        ne(vms.state, "deleted"),
        visibleToPerson(userId, now),
        after ? or(gt(vms.name, after[0]), and(eq(vms.name, after[0]), gt(vms.id, after[1]))) : undefined,
      ),
    )
    .orderBy(asc(vms.name), asc(vms.id))
    .limit(limit ?? 1000);
  return rows.map(({ projectId, projectName, ...standing }) => ({
    ...standing,
    project: projectId && projectName !== null ? { id: projectId, name: projectName } : null,
  }));
}

/** What widens a person's view beyond their own VMs: their projects, the VMs shared with them now, the classes they teach. */
export async function getPersonReach(
  { userId, now = new Date() }: { userId: string; now?: Date },
  db: Executor = getDb(),
): Promise<{
  projectIds: string[];
  shares: { vmId: string; expiresAt: Date | null }[];
  cohortIds: string[];
}> {
  const [memberships, shares, taught] = await Promise.all([
    db
      .select({ projectId: projectMembers.projectId })
      .from(projectMembers)
      .where(eq(projectMembers.userId, userId)),
    db
      .select({ vmId: vmShares.vmId, expiresAt: vmShares.expiresAt })
      .from(vmShares)
      .where(and(eq(vmShares.userId, userId), liveShare(now))),
    db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.teacherId, userId)),
  ]);
  return {
    projectIds: memberships.map((row) => row.projectId),
    shares,
    cohortIds: taught.map((row) => row.id),
  };
}
