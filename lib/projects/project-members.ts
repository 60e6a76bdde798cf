import "server-only";
import { getDb } from "@/db/client";
import {
  countOwners,
  deleteMember,
  findPersonByHandle,
  getMembership,
  insertMember,
  lockProject,
  setMemberRole,
} from "@/db/queries/projects";
import type { ProjectMember, ProjectRole } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { publishUserChange } from "@/lib/live/portal-changes";
import { projectManagedBy } from "./project-access";
import { memberInput, memberRoleInput } from "./project-inputs";

function parsed<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } },
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalid(issue.message, String(issue.path[0] ?? ""));
}

/** A project's owner (or an admin) adds someone who has signed in before, by username or e-mail. */
export async function addMember(
  person: Person,
  projectId: string,
  input: { person: string; role: ProjectRole },
  actor: AuditActor,
): Promise<ProjectMember> {
  const { person: handle, role } = parsed(memberInput.safeParse(input));
  const project = await projectManagedBy(person, projectId);
  const user = await findPersonByHandle({ handle });
  if (!user) throw invalid(message("errors.projects.unknownPerson", { handle }), "person");
  if (user.disabled)
    throw invalid(message("errors.users.accountDisabled", { person: displayName(user) }), "person");
  const member = await getDb().transaction(async (tx) => {
    await lockProject({ id: project.id }, tx);
    if (await getMembership({ projectId: project.id, userId: user.id }, tx))
      throw conflict(
        message("errors.projects.memberAlready", { person: displayName(user), project: project.name }),
      );
    return insertMember({ projectId: project.id, userId: user.id, role, source: "manual" }, tx);
  });
  await recordAuditEvent({
    actor,
    action: "project.member.add",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { userId: user.id, role },
  });
  await publishUserChange(user.id);
  return member;
}

/** The member as a project owner may change them: present, and added by hand rather than by the group. */
async function manualMember(projectId: string, userId: string, tx: Parameters<typeof getMembership>[1]) {
  const member = await getMembership({ projectId, userId }, tx);
  if (!member) throw notFound(message("errors.projects.noSuchMember"));
  if (member.source === "group") throw conflict(message("errors.projects.memberFromGroup"));
  return member;
}

/** Owners change a member's role; a project keeps at least one owner once it has one. */
export async function changeMemberRole(
  person: Person,
  projectId: string,
  userId: string,
  input: { role: ProjectRole },
  actor: AuditActor,
): Promise<ProjectMember> {
  const { role } = parsed(memberRoleInput.safeParse(input));
  const project = await projectManagedBy(person, projectId);
  const { before, after } = await getDb().transaction(async (tx) => {
    await lockProject({ id: project.id }, tx);
    const member = await manualMember(project.id, userId, tx);
    if (
      member.role === "owner" &&
      role !== "owner" &&
      (await countOwners({ projectId: project.id }, tx)) === 1
    )
      throw conflict(message("errors.projects.needsOwner", { project: project.name }));
    await setMemberRole({ projectId: project.id, userId, role }, tx);
    return { before: member.role, after: { ...member, role } };
  });
  await recordAuditEvent({
    actor,
    action: "project.member.role",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { userId, from: before, to: role },
  });
  await publishUserChange(userId);
  return after;
}

/**
 * Owners remove a member (or a member leaves, if they own it); the last owner stays. Whoever leaves loses
 * the project's VMs at once: the one rule reads membership at each check, the console's included.
 */
export async function removeMember(
  person: Person,
  projectId: string,
  userId: string,
  actor: AuditActor,
): Promise<void> {
  const project = await projectManagedBy(person, projectId);
  const removed = await getDb().transaction(async (tx) => {
    await lockProject({ id: project.id }, tx);
    const member = await manualMember(project.id, userId, tx);
    if (member.role === "owner" && (await countOwners({ projectId: project.id }, tx)) === 1)
      throw conflict(message("errors.projects.needsOwner", { project: project.name }));
    await deleteMember({ projectId: project.id, userId }, tx);
    return member;
  });
  await recordAuditEvent({
    actor,
    action: "project.member.remove",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { userId, role: removed.role },
  });
  await publishUserChange(userId);
}
