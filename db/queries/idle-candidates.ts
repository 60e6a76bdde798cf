import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Executor, getDb } from "../client";
import { cohorts, type IdleStopPolicy, projects, users, type Vm, vms } from "../schema";

export interface IdleCandidate {
  vm: Vm;
  owner: { id: string; email: string | null };
  /** The cohort's policy, then the project's (the cohort's project, else the VM's); null: the portal's. */
  policy: IdleStopPolicy | null;
}

const cohortProject = alias(projects, "cohort_project");

/** Running portal VMs with the idle-stop policy nearest to each. */
export async function listIdleCandidates(db: Executor = getDb()): Promise<IdleCandidate[]> {
  const rows = await db
    .select({
      vm: vms,
      owner: { id: users.id, email: users.email },
      cohortPolicy: cohorts.idleStop,
      cohortProjectPolicy: cohortProject.idleStop,
      projectPolicy: projects.idleStop,
    })
    .from(vms)
    .innerJoin(users, eq(users.id, vms.ownerId))
    .leftJoin(cohorts, eq(cohorts.id, vms.cohortId))
    .leftJoin(cohortProject, eq(cohortProject.id, cohorts.projectId))
    .leftJoin(projects, eq(projects.id, vms.projectId))
    .where(
      and(eq(vms.state, "running"), isNull(vms.deletedAt), isNotNull(vms.vmid), sql`${vms.node} is not null`),
    );
  return rows.map((row) => ({
    vm: row.vm,
    owner: row.owner,
    policy: row.cohortPolicy ?? row.cohortProjectPolicy ?? row.projectPolicy ?? null,
  }));
}
