import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveGroupAction } from "@/app/(portal)/admin/groups/actions";
import { rolePolicyFor } from "@/lib/authz/role-policy";
import { roleForIdentity } from "@/lib/authz/roles";
import { getConfig } from "@/lib/config";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const quota = { vms: 2, cores: 4, memoryMb: 4096, diskGb: 50, snapshots: 2 };

describe("groups that grant a role", () => {
  it("let an admin map an identity-provider group to a role, which sign-in then grants", async () => {
    const identity = { email: "tess@lab.example", username: "tess", groups: ["lab-tutors"] };
    expect(roleForIdentity(identity, await rolePolicyFor(getConfig()))).toBeNull();

    actAs(await createUserWithSession("ada", "admin"));
    expect(await saveGroupAction({ name: "lab-tutors", role: "auditor", quota })).toMatchObject({ ok: true });
    expect(roleForIdentity(identity, await rolePolicyFor(getConfig()))).toBe("auditor");

    expect(await saveGroupAction({ name: "lab-tutors", role: null, quota })).toMatchObject({ ok: true });
    expect(roleForIdentity(identity, await rolePolicyFor(getConfig()))).toBeNull();
  });
});
