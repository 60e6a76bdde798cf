import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "@/db/queries/audit";
import { insertMember } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { findDemoAccount } from "@/demo-idp/accounts";
import { type DemoIdp, startDemoIdp } from "@/demo-idp/server";
import { createProject } from "@/lib/projects/manage-projects";
import { projectRoleOf } from "@/lib/projects/project-access";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { type AuthHandlers, signInAs as signInThrough } from "../helpers/oidc-sign-in";
import { createUserWithSession } from "../helpers/session";

const portal = "http://localhost:3000";
let database: TestDatabase;
let idp: DemoIdp;
let handlers: AuthHandlers;
let project: Project;

beforeAll(async () => {
  database = await createTestDatabase();
  idp = await startDemoIdp({ portalUrl: portal });
  // The portal in demo mode signs in through this provider, as `npm start` wires it.
  process.env.DEMO_IDP_URL = idp.issuer;
  // The real Auth.js, not the session stand-in the other integration tests use.
  ({ handlers } = await vi.importActual<typeof import("@/auth")>("@/auth"));
  const admin = await createUserWithSession("gs-admin", "admin");
  project = await createProject(
    { id: admin.id, role: "admin" },
    {
      name: "Robotics lab",
      idpGroup: "lab-robotics",
      groupRole: "operator",
      quota: { vms: 2, cores: 4, memoryMb: 4096, diskGb: 40, snapshots: 2 },
    },
    { id: admin.id, label: "admin" },
  );
});
afterAll(async () => {
  await idp?.close();
  await database?.drop();
});

const signInAs = (username: string) => signInThrough({ handlers, portal, issuer: idp.issuer }, username);

describe("a project bound to an identity-provider group", () => {
  it("follows the group at each sign-in through the real provider, leaving manual members alone", async () => {
    const bob = findDemoAccount("bob")!;
    const bobsGroups = [...bob.groups];
    try {
      const aliceId = await signInAs("alice");
      const bobId = await signInAs("bob");
      expect(await projectRoleOf({ id: aliceId }, project.id)).toBe("operator");
      expect(await projectRoleOf({ id: bobId }, project.id)).toBe("operator");

      // The admin owns it by hand: the group does not decide about them.
      const adminId = await signInAs("admin");
      expect(await projectRoleOf({ id: adminId }, project.id)).toBeNull();
      await insertMember({ projectId: project.id, userId: adminId, role: "owner", source: "manual" });

      // Bob leaves the group at the provider: his next sign-in takes him out of the project.
      bob.groups = bobsGroups.filter((group) => group !== "lab-robotics");
      await signInAs("bob");
      expect(await projectRoleOf({ id: bobId }, project.id)).toBeNull();
      await signInAs("admin");
      expect(await projectRoleOf({ id: adminId }, project.id)).toBe("owner");

      bob.groups = bobsGroups;
      await signInAs("bob");
      expect(await projectRoleOf({ id: bobId }, project.id)).toBe("operator");

      const synced = await listAuditEvents({ action: "project.group_sync", targetId: project.id });
      expect(synced.map((event) => [event.detail?.userId, event.detail?.change]).reverse()).toEqual([
        [aliceId, "joined"],
        [bobId, "joined"],
        [bobId, "left"],
        [bobId, "joined"],
      ]);
    } finally {
      bob.groups = bobsGroups;
    }
  });
});
