import "server-only";
import type { Executor } from "@/db/client";
import { getMembership, getProjectById } from "@/db/queries/projects";
import type { Project, ProjectRole } from "@/db/schema";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

/** The person's role in the project, or null when they are not a member. */
export async function projectRoleOf(
  person: Pick<Person, "id">,
  projectId: string,
  db?: Executor,
): Promise<ProjectRole | null> {
  return (await getMembership({ projectId, userId: person.id }, db))?.role ?? null;
}

/** Whether the person may make VMs for the project: its owners and operators, while it is not archived. */
export async function mayCreateIn(person: Pick<Person, "id">, projectId: string): Promise<boolean> {
  const project = await getProjectById({ id: projectId });
  if (!project || project.archivedAt) return false;
  const role = await projectRoleOf(person, projectId);
  return role === "owner" || role === "operator";
}

/**
 * The project a person asks to make a VM for, or why not: a project they are not in is not found (as in
 * every list they see), a viewer is forbidden, an archived project takes no new VMs.
 */
export async function projectForCreating(person: Pick<Person, "id">, projectId: string): Promise<Project> {
  const project = await getProjectById({ id: projectId });
  const role = project ? await projectRoleOf(person, project.id) : null;
  if (!project || !role) throw notFound(message("errors.projects.notAMember"));
  if (role === "viewer")
    throw forbidden(message("errors.projects.viewerCannotCreate", { project: project.name }));
  if (project.archivedAt)
    throw conflict(message("errors.projects.archivedNoNewVms", { project: project.name }));
  return project;
}

/** Admins and auditors see every project; members see theirs. Null when the person may not see it. */
export async function projectSeenBy(
  person: Person,
  projectId: string,
): Promise<{ project: Project; role: ProjectRole | null } | null> {
  const project = await getProjectById({ id: projectId });
  if (!project) return null;
  const role = await projectRoleOf(person, project.id);
  if (role || can(person.role, "admin:read")) return { project, role };
  return null;
}

/** The project whose members the person may manage (its owners and admins); else not found or forbidden. */
export async function projectManagedBy(person: Person, projectId: string): Promise<Project> {
  const seen = await projectSeenBy(person, projectId);
  if (!seen || (!seen.role && !can(person.role, "admin:read")))
    throw notFound(message("errors.projects.noSuchProject"));
  if (seen.role !== "owner" && !can(person.role, "admin:write"))
    throw forbidden(message("errors.projects.membersOwnerOnly", { project: seen.project.name }));
  return seen.project;
}
