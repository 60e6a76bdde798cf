import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit";
import { insertMember } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { demoAccounts } from "@/demo-idp/accounts";
import { getProjectDetail, listProjectsFor } from "@/lib/projects/list-projects";
import { archiveProject, createProject, updateProject } from "@/lib/projects/manage-projects";
import { mayCreateIn, projectRoleOf } from "@/lib/projects/project-access";
import { addMember, changeMemberRole, removeMember } from "@/lib/projects/project-members";
import { seedDemoProject } from "@/lib/projects/seed-demo-project";
import { syncGroupProjects } from "@/lib/projects/sync-group-projects";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createUserWithSession, type TestUser } from "../helpers/session";

let database: TestDatabase;
const actor = { id: null, label: "test" };
const quota = { vms: 2, cores: 4, memoryMb: 4096, diskGb: 50, snapshots: 2 };
let admin: TestUser;
let owner: TestUser;
let operator: TestUser;
let viewer: TestUser;
let stranger: TestUser;
let project: Project;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUserWithSession("pm-admin", "admin");
  owner = await createUserWithSession("pm-owner", "member");
  operator = await createUserWithSession("pm-operator", "member");
  viewer = await createUserWithSession("pm-viewer", "member");
  stranger = await createUserWithSession("pm-stranger", "member");
  project = await createProject(admin, { name: "Chess club", quota }, actor);
  await addMember(admin, project.id, { person: "pm-owner", role: "owner" }, actor);
});
afterAll(() => database.drop());

describe("making projects", () => {
  it("is for admins; names are unique and the pool slug stays as first made", async () => {
    await expect(createProject(owner, { name: "Mine", quota }, actor)).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(createProject(admin, { name: "chess CLUB", quota }, actor)).rejects.toThrow(
      "There is a project called Chess club already.",
    );
    const renamed = await updateProject(admin, project.id, { name: "Chess & Go club", quota }, actor);
    expect(renamed).toMatchObject({ name: "Chess & Go club", slug: "chess-club" });
    const twin = await createProject(admin, { name: "Chess-club", quota }, actor);
    expect(twin.slug).toBe("chess-club-2");
    await expect(updateProject(owner, project.id, { name: "x y", quota }, actor)).rejects.toMatchObject({
      kind: "forbidden",
    });
  });
});

describe("managing a project's members", () => {
  it("lets its owners add members by username or e-mail, and change and remove them", async () => {
    await addMember(owner, project.id, { person: "pm-operator@test.invalid", role: "operator" }, actor);
    await addMember(owner, project.id, { person: "PM-Viewer", role: "viewer" }, actor);
    expect(await projectRoleOf(operator, project.id)).toBe("operator");
    expect(await mayCreateIn(operator, project.id)).toBe(true);
    expect(await mayCreateIn(viewer, project.id)).toBe(false);
    await expect(
      addMember(owner, project.id, { person: "pm-viewer", role: "operator" }, actor),
    ).rejects.toThrow("pm-viewer is a member of Chess & Go club already.");
    await expect(
      addMember(owner, project.id, { person: "nobody", role: "viewer" }, actor),
    ).rejects.toMatchObject({ kind: "invalid", message: "No one called nobody has signed in to Roost yet." });
    await changeMemberRole(owner, project.id, viewer.id, { role: "operator" }, actor);
    expect(await projectRoleOf(viewer, project.id)).toBe("operator");
    await removeMember(owner, project.id, viewer.id, actor);
    expect(await projectRoleOf(viewer, project.id)).toBeNull();
    const actions = (await listAuditEvents({ targetId: project.id })).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(["project.member.add", "project.member.role", "project.member.remove"]),
    );
  });

  it("refuses operators and viewers (forbidden) and strangers (not found)", async () => {
    await insertMember({ projectId: project.id, userId: viewer.id, role: "viewer", source: "manual" });
    for (const member of [operator, viewer])
      await expect(
        addMember(member, project.id, { person: "pm-stranger", role: "owner" }, actor),
      ).rejects.toMatchObject({
        kind: "forbidden",
        message: "Only the owners of Chess & Go club manage its members.",
      });
    await expect(removeMember(operator, project.id, viewer.id, actor)).rejects.toMatchObject({
      kind: "forbidden",
    });
    await expect(
      changeMemberRole(viewer, project.id, viewer.id, { role: "owner" }, actor),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(removeMember(stranger, project.id, viewer.id, actor)).rejects.toMatchObject({
      kind: "not-found",
    });
    await expect(getProjectDetail(stranger, project.id)).rejects.toMatchObject({ kind: "not-found" });
    expect((await getProjectDetail(viewer, project.id)).members.map((m) => m.role)).toEqual([
      "owner",
      "operator",
      "viewer",
    ]);
    // An auditor sees the project but changes nothing.
    const auditor = await createUserWithSession("pm-auditor", "auditor");
    expect((await getProjectDetail(auditor, project.id)).role).toBeNull();
    await expect(removeMember(auditor, project.id, viewer.id, actor)).rejects.toMatchObject({
      kind: "forbidden",
    });
  });

  it("keeps the last owner, and leaves group members to the group", async () => {
    await expect(removeMember(owner, project.id, owner.id, actor)).rejects.toThrow(
      "Chess & Go club needs an owner; make someone else owner first.",
    );
    await expect(changeMemberRole(admin, project.id, owner.id, { role: "viewer" }, actor)).rejects.toThrow(
      "needs an owner",
    );
    await updateProject(admin, project.id, { name: "Chess & Go club", quota, idpGroup: "chess" }, actor);
    await syncGroupProjects({ id: stranger.id, groups: ["chess"] });
    expect(await projectRoleOf(stranger, project.id)).toBe("operator");
    await expect(removeMember(owner, project.id, stranger.id, actor)).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(
      changeMemberRole(owner, project.id, stranger.id, { role: "viewer" }, actor),
    ).rejects.toMatchObject({ kind: "conflict" });
    // A new group role reaches the group's members at once; a new group takes the old one's members out.
    const bound = { name: "Chess & Go club", quota, idpGroup: "chess" };
    await updateProject(admin, project.id, { ...bound, groupRole: "viewer" }, actor);
    expect(await projectRoleOf(stranger, project.id)).toBe("viewer");
    await updateProject(admin, project.id, { ...bound, idpGroup: "go" }, actor);
    expect(await projectRoleOf(stranger, project.id)).toBeNull();
    expect(await projectRoleOf(owner, project.id)).toBe("owner");
    await syncGroupProjects({ id: stranger.id, groups: ["chess"] });
    expect(await projectRoleOf(stranger, project.id)).toBeNull();
    await syncGroupProjects({ id: stranger.id, groups: ["go"] });
    expect(await projectRoleOf(stranger, project.id)).toBe("operator");
  });

  it("lists a person's projects with their role, leaving archived ones out", async () => {
    expect((await listProjectsFor(operator)).map((mine) => [mine.project.name, mine.role])).toEqual([
      ["Chess & Go club", "operator"],
    ]);
    await archiveProject(admin, project.id, actor);
    expect(await listProjectsFor(operator)).toEqual([]);
    expect(await mayCreateIn(owner, project.id)).toBe(false);
    await archiveProject(admin, project.id, actor, false);
  });
});

describe("the projects API", () => {
  it("lists a member's projects, shows one with its members, and lets only owners manage members", async () => {
    const ownerToken = (await createTestApiToken(owner.id, ["manage"])).token;
    const operatorToken = (await createTestApiToken(operator.id, ["manage"])).token;
    // The earlier stranger joined through the group; this one is in nothing.
    const outsider = await createUserWithSession("pm-outsider", "member");
    const strangerToken = (await createTestApiToken(outsider.id, ["manage"])).token;
    const listed = await callApiJson<{ items: { id: string; role: string }[] }>(
      operatorToken,
      "GET",
      "/projects",
    );
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: project.id, role: "operator" }));
    const shown = await callApiJson<{ members: { username: string; source: string }[]; quota: unknown }>(
      operatorToken,
      "GET",
      `/projects/${project.id}`,
    );
    expect(shown.status).toBe(200);
    expect(shown.body.members.map((m) => m.username)).toContain("pm-owner");

    const refused = await callApiJson(operatorToken, "POST", `/projects/${project.id}/members`, {
      body: { person: "pm-admin", role: "viewer" },
    });
    expect(refused.status).toBe(403);
    expect((await callApiJson(strangerToken, "GET", `/projects/${project.id}`)).status).toBe(404);
    const added = await callApiJson(ownerToken, "POST", `/projects/${project.id}/members`, {
      body: { person: "pm-admin", role: "viewer" },
    });
    expect(added).toMatchObject({
      status: 201,
      body: { userId: admin.id, role: "viewer", source: "manual" },
    });
    const changed = await callApiJson(ownerToken, "PATCH", `/projects/${project.id}/members/${admin.id}`, {
      body: { role: "operator" },
    });
    expect(changed).toMatchObject({ status: 200, body: { role: "operator" } });
    expect(
      (await callApiJson(ownerToken, "DELETE", `/projects/${project.id}/members/${admin.id}`)).status,
    ).toBe(204);
    const last = await callApiJson<{ detail: string }>(
      ownerToken,
      "DELETE",
      `/projects/${project.id}/members/${owner.id}`,
    );
    expect(last).toMatchObject({ status: 409, body: { detail: expect.stringContaining("needs an owner") } });
  });
});

describe("the demo", () => {
  it("starts with the Robotics lab bound to the group alice and bob are in, once", async () => {
    const seeded = await seedDemoProject();
    expect(seeded).toMatchObject({ name: "Robotics lab", slug: "robotics-lab", idpGroup: "lab-robotics" });
    expect(await seedDemoProject()).toBeNull();
    const inGroup = demoAccounts.filter((account) => account.groups.includes("lab-robotics"));
    expect(inGroup.map((account) => account.username)).toEqual(["alice", "bob"]);
  });
});
