import "server-only";
import { getDb } from "@/db/client";
import {
  findProjectByName,
  getProjectById,
  insertProject,
  isSlugTaken,
  lockProject,
  resetGroupMembers,
  updateProjectRow,
} from "@/db/queries/projects";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import type { Project } from "@/db/schema";
import { type AuditActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { can } from "@/lib/authz/permissions";
import type { Person } from "@/lib/authz/vm-access";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { type ProjectInput, type ProjectValues, projectInput } from "./project-inputs";
import { checkProjectLease } from "./project-lease";

function requireAdmin(person: Person) {
  if (!can(person.role, "admin:write")) throw forbidden(message("errors.projects.manageAdminOnly"));
}

function parse(input: ProjectInput): ProjectValues {
  const parsed = projectInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw invalid(issue.message, issue.path.map(String).join("."));
}

/** `Robotics lab` → `robotics-lab`: what the project's Proxmox pool is named after, never changed. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/, "");
  return slug || "project";
}

async function freeSlug(name: string): Promise<string> {
  const base = slugFrom(name);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await isSlugTaken({ slug }))) return slug;
  }
}

const columnsOf = (values: ProjectValues) => ({
  name: values.name,
  description: values.description,
  idpGroup: values.idpGroup,
  groupRole: values.groupRole,
  ...quotaColumnsFrom(values.quota),
  leaseLengthDays: values.leaseLengthDays,
  leaseMaxDays: values.leaseMaxDays,
  idleStop: values.idleStop,
});

async function checkNameFree(name: string, exceptId?: string) {
  const same = await findProjectByName({ name });
  if (same && same.id !== exceptId) throw conflict(message("errors.projects.nameTaken", { name: same.name }));
}

/** An admin makes a project: its name, quota, lease lengths and, optionally, the group it follows. */
export async function createProject(
  person: Person,
  input: ProjectInput,
  actor: AuditActor,
): Promise<Project> {
  requireAdmin(person);
  const values = parse(input);
  await checkProjectLease(values);
  await checkNameFree(values.name);
  const project = await insertProject({ ...columnsOf(values), slug: await freeSlug(values.name) });
  await recordAuditEvent({
    actor,
    action: "project.create",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { name: project.name, slug: project.slug, idpGroup: project.idpGroup, quota: values.quota },
  });
  return project;
}

/** An admin changes a project's name, description, quota, lease lengths or group binding. */
export async function updateProject(
  person: Person,
  projectId: string,
  input: ProjectInput,
  actor: AuditActor,
): Promise<Project> {
  requireAdmin(person);
  const existing = await getProjectById({ id: projectId });
  if (!existing) throw notFound(message("errors.projects.noSuchProject"));
  const values = parse(input);
  await checkProjectLease(values);
  await checkNameFree(values.name, existing.id);
  const project = await getDb().transaction(async (tx) => {
    await lockProject({ id: existing.id }, tx);
    const updated = (await updateProjectRow({ id: existing.id, ...columnsOf(values) }, tx))!;
    // Members the old group brought leave with it (the new group's come at their sign-in); a new group
    // role applies to the group's members at once.
    if (updated.idpGroup !== existing.idpGroup)
      await resetGroupMembers({ projectId: updated.id, role: null }, tx);
    else if (updated.groupRole !== existing.groupRole)
      await resetGroupMembers({ projectId: updated.id, role: updated.groupRole }, tx);
    return updated;
  });
  await recordAuditEvent({
    actor,
    action: "project.update",
    target: { type: "project", id: project.id },
    result: "success",
    detail: {
      name: project.name,
      idpGroup: project.idpGroup,
      groupRole: project.groupRole,
      quota: values.quota,
      idleStop: values.idleStop,
    },
  });
  return project;
}

/**
 * An admin archives a project: it takes no new VMs and leaves members' lists; its VMs and members stay,
 * so that nothing is lost and an admin can move the VMs elsewhere. Restoring lifts the archive.
 */
export async function archiveProject(
  person: Person,
  projectId: string,
  actor: AuditActor,
  archived = true,
): Promise<Project> {
  requireAdmin(person);
  const existing = await getProjectById({ id: projectId });
  if (!existing) throw notFound(message("errors.projects.noSuchProject"));
  if (Boolean(existing.archivedAt) === archived)
    throw conflict(archived ? `${existing.name} is archived already.` : `${existing.name} is not archived.`);
  const project = (await updateProjectRow({ id: existing.id, archivedAt: archived ? new Date() : null }))!;
  await recordAuditEvent({
    actor,
    action: archived ? "project.archive" : "project.unarchive",
    target: { type: "project", id: project.id },
    result: "success",
    detail: { name: project.name },
  });
  return project;
}
