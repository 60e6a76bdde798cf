import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addProjectMemberAction,
  removeProjectMemberAction,
  setProjectMemberRoleAction,
} from "@/app/(portal)/projects/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { type ProjectRole, projectMembers, projects, vms } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";

type Person = Awaited<ReturnType<typeof createUserWithSession>>;

let database: TestDatabase;
const people = {} as Record<
  "owner" | "operator" | "viewer" | "grouped" | "stranger" | "newcomer" | "admin" | "auditor",
  Person
>;
let projectId = "";
let otherProjectId = "";

const quota = {
  maxVms: 5,
  maxCores: 16,
  maxMemoryMb: 32_768,
  maxDiskGb: 500,
  maxSnapshots: 20,
  maxBackups: 20,
  maxBackupGb: 200,
};

async function insertProject(name: string, idpGroup: string | null = null) {
  const [row] = await getDb()
    .insert(projects)
    .values({ name, slug: name.toLowerCase(), idpGroup, ...quota })
    .returning();
  return row!;
}

async function join(
  user: TestUser,
  role: ProjectRole,
  source: "manual" | "group" = "manual",
  id = projectId,
) {
  await getDb().insert(projectMembers).values({ projectId: id, userId: user.id, role, source });
}

async function roleOf(user: TestUser): Promise<ProjectRole | null> {
  const [row] = await getDb()
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, user.id)));
  return row?.role ?? null;
}

/**
 * What the page hands React to send to the browser, as text: every prop and key of every element. An
 * element's component (a function, or an object such as next/link's) is left out: only its props are sent.
 */
function sent(tree: unknown): string {
  return JSON.stringify(tree, (key, value) =>
    typeof value === "function" || (key === "type" && typeof value === "object") ? undefined : value,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [key, role] of [
    ["owner", "member"],
    ["operator", "member"],
    ["viewer", "member"],
    ["grouped", "member"],
    ["stranger", "member"],
    ["newcomer", "member"],
    ["admin", "admin"],
    ["auditor", "auditor"],
  ] as const)
    people[key] = await createUserWithSession(key === "admin" ? "ada" : key, role);
  await createTestCluster();
  projectId = (await insertProject("Robotics", "lab-robotics")).id;
  otherProjectId = (await insertProject("Chemistry")).id;
  await join(people.owner, "owner");
  await join(people.operator, "operator");
  await join(people.viewer, "viewer");
  await join(people.grouped, "operator", "group");
  await join(people.stranger, "owner", "manual", otherProjectId);
  await createTestVm({ ownerId: people.operator.id, projectId, name: "arm-controller" });
});
afterAll(() => database.drop());

describe("managing a project's members", () => {
  it("is not found for someone outside the project, whatever they ask", async () => {
    actAs(people.stranger);
    expect(await addProjectMemberAction({ projectId, person: "newcomer", role: "viewer" })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(
      await setProjectMemberRoleAction({ projectId, userId: people.viewer.id, role: "owner" }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await removeProjectMemberAction({ projectId, userId: people.viewer.id })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await roleOf(people.viewer)).toBe("viewer");
    expect(await roleOf(people.newcomer)).toBeNull();
  });

  it("is refused to viewers and operators, who see the project but do not own it", async () => {
    for (const caller of [people.viewer, people.operator]) {
      actAs(caller);
      expect(await addProjectMemberAction({ projectId, person: "newcomer", role: "owner" })).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await setProjectMemberRoleAction({ projectId, userId: caller.id, role: "owner" })).toMatchObject(
        { ok: false, status: 403 },
      );
      expect(await removeProjectMemberAction({ projectId, userId: people.viewer.id })).toMatchObject({
        ok: false,
        status: 403,
      });
    }
    expect(await roleOf(people.viewer)).toBe("viewer");
    expect(await roleOf(people.operator)).toBe("operator");
    expect(await roleOf(people.newcomer)).toBeNull();
  });

  it("lets an owner add someone by username or e-mail, change their role and remove them, each audited", async () => {
    actAs(people.owner);
    expect(await addProjectMemberAction({ projectId, person: "newcomer", role: "viewer" })).toMatchObject({
      ok: true,
    });
    expect(await roleOf(people.newcomer)).toBe("viewer");
    expect(
      await setProjectMemberRoleAction({ projectId, userId: people.newcomer.id, role: "operator" }),
    ).toMatchObject({ ok: true });
    expect(await roleOf(people.newcomer)).toBe("operator");
    expect(await removeProjectMemberAction({ projectId, userId: people.newcomer.id })).toMatchObject({
      ok: true,
    });
    expect(await roleOf(people.newcomer)).toBeNull();

    expect(
      await addProjectMemberAction({ projectId, person: "newcomer@test.invalid", role: "viewer" }),
    ).toMatchObject({ ok: true });
    expect(await roleOf(people.newcomer)).toBe("viewer");

    const actions = (await listAuditEvents({ targetId: projectId }))
      .filter((event) => event.result === "success")
      .map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(["project.member.add", "project.member.role", "project.member.remove"]),
    );
  });

  it("lets an admin who is no member manage them", async () => {
    actAs(people.admin);
    expect(
      await setProjectMemberRoleAction({ projectId, userId: people.newcomer.id, role: "owner" }),
    ).toMatchObject({ ok: true });
    expect(await roleOf(people.newcomer)).toBe("owner");
    expect(await removeProjectMemberAction({ projectId, userId: people.newcomer.id })).toMatchObject({
      ok: true,
    });
    expect(await roleOf(people.newcomer)).toBeNull();
  });

  it("does not remove or re-role a member who comes from the identity-provider group", async () => {
    for (const caller of [people.owner, people.admin]) {
      actAs(caller);
      const removed = await removeProjectMemberAction({ projectId, userId: people.grouped.id });
      expect(removed).toMatchObject({ ok: false, status: 409 });
      expect(!removed.ok && removed.error).toMatch(/group/);
      expect(
        await setProjectMemberRoleAction({ projectId, userId: people.grouped.id, role: "viewer" }),
      ).toMatchObject({ ok: false, status: 409 });
    }
    expect(await roleOf(people.grouped)).toBe("operator");
  });

  it("answers bad input with a reason at the field", async () => {
    actAs(people.owner);
    const empty = await addProjectMemberAction({ projectId, person: " ", role: "viewer" });
    expect(empty).toMatchObject({ ok: false, status: 400, fieldErrors: { person: [expect.any(String)] } });
    const badRole = await addProjectMemberAction({ projectId, person: "newcomer", role: "boss" as never });
    expect(badRole).toMatchObject({ ok: false, status: 400, fieldErrors: { role: [expect.any(String)] } });
    const nobody = await addProjectMemberAction({ projectId, person: "no-such-person", role: "viewer" });
    expect(nobody).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { person: [expect.stringContaining("no-such-person")] },
    });
    expect(
      await addProjectMemberAction({ projectId: "not-a-uuid", person: "x", role: "viewer" }),
    ).toMatchObject({ ok: false, status: 400, fieldErrors: { projectId: [expect.any(String)] } });
  });
});

describe("the project pages", () => {
  it("list a member's projects with their role and the project's quota", async () => {
    const { default: ProjectsPage } = await import("@/app/(portal)/projects/page");
    actAs(people.viewer);
    const text = sent(await ProjectsPage());
    expect(text).toContain("Robotics");
    expect(text).toContain('"viewer"');
    expect(text).toContain("Quota of Robotics");
    expect(text).not.toContain("Chemistry");
  });

  it("show a project's VMs and members; only owners get the controls", async () => {
    const { default: ProjectPage } = await import("@/app/(portal)/projects/[projectId]/page");
    const render = async () => sent(await ProjectPage({ params: Promise.resolve({ projectId }) }));

    actAs(people.viewer);
    const asViewer = await render();
    expect(asViewer).toContain("arm-controller");
    expect(asViewer).toContain(people.grouped.id);
    expect(asViewer).toContain('"source":"group"');
    expect(asViewer).toContain('"canManage":false');

    actAs(people.owner);
    expect(await render()).toContain('"canManage":true');
    actAs(people.admin);
    expect(await render()).toContain('"canManage":true');
  });

  it("are not found for someone outside the project, nor for a project that does not exist", async () => {
    const { default: ProjectPage } = await import("@/app/(portal)/projects/[projectId]/page");
    actAs(people.stranger);
    await expect(ProjectPage({ params: Promise.resolve({ projectId }) })).rejects.toMatchObject({
      digest: expect.stringContaining("404"),
    });
    actAs(people.owner);
    await expect(
      ProjectPage({ params: Promise.resolve({ projectId: "00000000-0000-4000-8000-000000000000" }) }),
    ).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });
});

describe("the Projects entry of the navigation", () => {
  it("shows for members of a project and for admins, not for someone in no project", async () => {
    const { AppHeader } = await import("@/components/shell/app-header");
    const signOutAction = async () => {};
    const header = (person: Person, inProject: boolean) =>
      sent(
        AppHeader({ user: { ...person, name: null, email: null }, inProject, teaches: false, signOutAction }),
      );
    expect(header(people.viewer, true)).toContain('"href":"/projects"');
    expect(header(people.newcomer, false)).not.toContain('"href":"/projects"');
    expect(header(people.admin, false)).toContain('"href":"/projects"');

    const { default: PortalLayout } = await import("@/app/(portal)/layout");
    actAs(people.viewer);
    expect(sent(await PortalLayout({ children: null }))).toContain('"inProject":true');
    actAs(people.newcomer);
    expect(sent(await PortalLayout({ children: null }))).toContain('"inProject":false');
  });
});

describe("projects in Admin", () => {
  it("creates a project with its quota, lease policy and group binding, and refuses bad input at the field", async () => {
    const { createProjectAction } = await import("@/app/(portal)/admin/projects/actions");
    actAs(people.admin);
    const input = {
      name: "Astronomy",
      description: "Telescope control",
      quota: { vms: 2, cores: 4, memoryMb: 8192, diskGb: 100, snapshots: 4, backups: 4, backupGb: 50 },
      leaseLengthDays: 30,
      leaseMaxDays: 60,
      idpGroup: "astro",
      groupRole: "viewer" as const,
    };
    const created = await createProjectAction(input);
    expect(created).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    const [row] = await getDb()
      .select()
      .from(projects)
      .where(eq(projects.id, created.ok ? created.data.id : ""));
    expect(row).toMatchObject({ name: "Astronomy", maxVms: 2, leaseLengthDays: 30, idpGroup: "astro" });

    expect(await createProjectAction({ ...input, name: "" })).toMatchObject({
      status: 400,
      fieldErrors: { name: [expect.any(String)] },
    });
    expect(await createProjectAction({ ...input, name: "Astro 2", leaseLengthDays: 90 })).toMatchObject({
      status: 400,
      fieldErrors: { leaseMaxDays: [expect.any(String)] },
    });
    expect(await createProjectAction(input)).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses to archive a project that still has VMs, archives it once they are gone, and restores it", async () => {
    const { archiveProjectAction } = await import("@/app/(portal)/admin/projects/actions");
    actAs(people.admin);
    expect(await archiveProjectAction({ projectId, confirmName: "Robotic" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { confirmName: [expect.stringContaining("Robotics")] },
    });
    const refused = await archiveProjectAction({ projectId, confirmName: "Robotics" });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(!refused.ok && refused.error).toMatch(/VM/);

    await getDb().update(vms).set({ state: "deleted" }).where(eq(vms.projectId, projectId));
    expect(await archiveProjectAction({ projectId, confirmName: "Robotics" })).toMatchObject({ ok: true });
    const [row] = await getDb().select().from(projects).where(eq(projects.id, projectId));
    expect(row?.archivedAt).toBeInstanceOf(Date);
    expect(await listAuditEvents({ action: "project.archive", targetId: projectId })).toHaveLength(1);

    const { restoreProjectAction } = await import("@/app/(portal)/admin/projects/actions");
    expect(await restoreProjectAction({ projectId })).toMatchObject({ ok: true });
    const [restored] = await getDb().select().from(projects).where(eq(projects.id, projectId));
    expect(restored?.archivedAt).toBeNull();
    expect(await restoreProjectAction({ projectId })).toMatchObject({ ok: false, status: 409 });
  });

  it("renders the list and a project's page for auditors, with no way to change them", async () => {
    const { default: AdminProjectsPage } = await import("@/app/(portal)/admin/projects/page");
    const { default: AdminProjectPage } = await import("@/app/(portal)/admin/projects/[projectId]/page");
    actAs(people.auditor);
    const list = sent(await AdminProjectsPage());
    expect(list).toContain("Chemistry");
    expect(list).toContain('"canChange":false');
    const page = sent(await AdminProjectPage({ params: Promise.resolve({ projectId: otherProjectId }) }));
    expect(page).toContain(people.stranger.id);
    expect(page).toContain('"canManage":false');
  });
});
