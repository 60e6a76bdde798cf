import "server-only";
import {
  listProjectMembers,
  listProjectsOfUser,
  listProjectsWithCounts,
  listProjectVms,
} from "@/db/queries/projects";
import type { Project, ProjectRole, Vm } from "@/db/schema";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { getQuotaStatus, type QuotaStatus } from "@/lib/quotas/effective-quota";
import { projectAccount } from "@/lib/quotas/quota-account";
import { projectSeenBy } from "./project-access";

export interface MyProject {
  project: Project;
  role: ProjectRole;
  source: "manual" | "group";
  quota: QuotaStatus;
}

/** The projects a person is a member of (archived ones left out), with their role and the quota's use. */
export async function listProjectsFor(person: Pick<Person, "id">): Promise<MyProject[]> {
  const memberships = await listProjectsOfUser({ userId: person.id });
  return Promise.all(
    memberships.map(async (membership) => ({
      ...membership,
      quota: await getQuotaStatus(projectAccount(membership.project.id)),
    })),
  );
}

export type ProjectMemberView = Awaited<ReturnType<typeof listProjectMembers>>[number];

export interface ProjectDetail {
  project: Project;
  /** The person's own role; null for an admin or auditor who is not a member. */
  role: ProjectRole | null;
  members: ProjectMemberView[];
  vms: Vm[];
  quota: QuotaStatus;
}

/** One project as its members, admins and auditors see it; anyone else is told it does not exist. */
export async function getProjectDetail(person: Person, projectId: string): Promise<ProjectDetail> {
  const seen = await projectSeenBy(person, projectId);
  if (!seen) throw notFound(message("errors.projects.noSuchProject"));
  const [members, vms, quota] = await Promise.all([
    listProjectMembers({ projectId: seen.project.id }),
    listProjectVms({ projectId: seen.project.id }),
    getQuotaStatus(projectAccount(seen.project.id)),
  ]);
  return { ...seen, members, vms, quota };
}

/** Every project for the admin pages: usage against quota, members and VMs counted. */
export async function listAllProjects(person: Person) {
  if (!can(person.role, "admin:read")) throw forbidden(message("errors.projects.listAdminOnly"));
  const rows = await listProjectsWithCounts();
  return Promise.all(
    rows.map(async (row) => ({ ...row, quota: await getQuotaStatus(projectAccount(row.project.id)) })),
  );
}
