import "server-only";
import { and, asc, count, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import { type Executor, getDb } from "../client";
import {
  type NewProject,
  type Project,
  type ProjectMember,
  type ProjectRole,
  projectMembers,
  projects,
  users,
  vms,
} from "../schema";

export async function insertProject(values: NewProject, db: Executor = getDb()): Promise<Project> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

export async function updateProjectRow(
  { id, ...values }: Partial<NewProject> & { id: string },
  db: Executor = getDb(),
): Promise<Project | null> {
  const [row] = await db.update(projects).set(values).where(eq(projects.id, id)).returning();
  return row ?? null;
}

export async function getProjectById(
  { id }: { id: string },
  db: Executor = getDb(),
): Promise<Project | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return row ?? null;
}

export async function findProjectByName(
  { name }: { name: string },
  db: Executor = getDb(),
): Promise<Project | null> {
  const [row] = await db
    .select()
    .from(projects)
    .where(sql`lower(${projects.name}) = lower(${name})`)
    .limit(1);
  return row ?? null;
}

export async function isSlugTaken({ slug }: { slug: string }, db: Executor = getDb()): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.slug, slug)).limit(1);
  return Boolean(row);
}

/** Every project, archived ones last, with how many members and live VMs each has. */
export async function listProjectsWithCounts(db: Executor = getDb()) {
  const memberCounts = db
    .select({ projectId: projectMembers.projectId, members: count().as("members") })
    .from(projectMembers)
    .groupBy(projectMembers.projectId)
    .as("member_counts");
  const vmCounts = db
    .select({ projectId: vms.projectId, vms: count().as("vm_count") })
    .from(vms)
    .where(and(isNotNull(vms.projectId), notInArray(vms.state, ["deleted", "failed", "missing"])))
    .groupBy(vms.projectId)
    .as("vm_counts");
  const rows = await db
    .select({ project: projects, members: memberCounts.members, vms: vmCounts.vms })
    .from(projects)
    .leftJoin(memberCounts, eq(memberCounts.projectId, projects.id))
    .leftJoin(vmCounts, eq(vmCounts.projectId, projects.id))
    .orderBy(sql`${projects.archivedAt} is not null`, asc(projects.name));
  return rows.map((row) => ({
    project: row.project,
    members: Number(row.members ?? 0),
    vms: Number(row.vms ?? 0),
  }));
}

/** The projects a person is a member of, with their role in each, by name. */
export async function listProjectsOfUser(
  { userId, includeArchived = false }: { userId: string; includeArchived?: boolean },
  db: Executor = getDb(),
): Promise<{ project: Project; role: ProjectRole; source: ProjectMember["source"] }[]> {
  return db
    .select({ project: projects, role: projectMembers.role, source: projectMembers.source })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(and(eq(projectMembers.userId, userId), includeArchived ? undefined : isNull(projects.archivedAt)))
    .orderBy(asc(projects.name));
}

export async function getMembership(
  { projectId, userId }: { projectId: string; userId: string },
  db: Executor = getDb(),
): Promise<ProjectMember | null> {
  const [row] = await db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** A project's members with who they are, owners first. */
export async function listProjectMembers({ projectId }: { projectId: string }, db: Executor = getDb()) {
  return db
    .select({
      userId: projectMembers.userId,
      role: projectMembers.role,
      source: projectMembers.source,
      addedAt: projectMembers.addedAt,
      name: users.name,
      username: users.username,
      email: users.email,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(
      sql`case ${projectMembers.role} when 'owner' then 0 when 'operator' then 1 else 2 end`,
      asc(users.username),
    );
}

export async function insertMember(
  values: { projectId: string; userId: string; role: ProjectRole; source: ProjectMember["source"] },
  db: Executor = getDb(),
): Promise<ProjectMember> {
  const [row] = await db.insert(projectMembers).values(values).returning();
  return row!;
}

export async function setMemberRole(
  { projectId, userId, role }: { projectId: string; userId: string; role: ProjectRole },
  db: Executor = getDb(),
): Promise<void> {
  await db
    .update(projectMembers)
    .set({ role })
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function deleteMember(
  { projectId, userId }: { projectId: string; userId: string },
  db: Executor = getDb(),
): Promise<void> {
  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function countOwners({ projectId }: { projectId: string }, db: Executor = getDb()) {
  const [row] = await db
    .select({ owners: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "owner")));
  return Number(row?.owners ?? 0);
}

/** The project's row lock: member changes of one project run one at a time (the last owner stays). */
export async function lockProject({ id }: { id: string }, tx: Executor): Promise<Project | null> {
  const [row] = await tx.select().from(projects).where(eq(projects.id, id)).for("update");
  return row ?? null;
}

/** Projects bound to an identity-provider group, archived ones left out. */
export async function listGroupBoundProjects(db: Executor = getDb()): Promise<Project[]> {
  return db
    .select()
    .from(projects)
    .where(and(isNotNull(projects.idpGroup), isNull(projects.archivedAt)));
}

/** The person's memberships that came from a group, in the projects given. */
export async function listGroupMemberships(
  { userId }: { userId: string },
  db: Executor = getDb(),
): Promise<ProjectMember[]> {
  return db
    .select()
    .from(projectMembers)
    .where(and(eq(projectMembers.userId, userId), eq(projectMembers.source, "group")));
}

/** Live VMs of the project, by name. */
export async function listProjectVms({ projectId }: { projectId: string }, db: Executor = getDb()) {
  return db
    .select()
    .from(vms)
    .where(and(eq(vms.projectId, projectId), notInArray(vms.state, ["deleted"])))
    .orderBy(asc(vms.name));
}

export async function getProjectsByIds({ ids }: { ids: string[] }, db: Executor = getDb()) {
  if (ids.length === 0) return [];
  return db.select().from(projects).where(inArray(projects.id, ids));
}

/** The person someone means by a username or an e-mail address, as they last signed in. */
export async function findPersonByHandle({ handle }: { handle: string }, db: Executor = getDb()) {
  const wanted = handle.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${wanted} or lower(${users.email}) = ${wanted}`)
    .limit(1);
  return row ?? null;
}

/** The members a project's group brought: all removed (the group changed), or given the new group role. */
export async function resetGroupMembers(
  { projectId, role }: { projectId: string; role: ProjectRole | null },
  db: Executor = getDb(),
): Promise<number> {
  const fromGroup = and(eq(projectMembers.projectId, projectId), eq(projectMembers.source, "group"));
  const rows = role
    ? await db.update(projectMembers).set({ role }).where(fromGroup).returning()
    : await db.delete(projectMembers).where(fromGroup).returning();
  return rows.length;
}
