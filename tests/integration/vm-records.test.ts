import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmForOwner, listVmsForOwner } from "@/db/queries/vms";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
});
afterAll(() => database.drop());

describe("VM records", () => {
  it("are found only for their owner", async () => {
    const alice = await createUserWithSession("alice", "member");
    const bob = await createUserWithSession("bob", "member");
    const vm = await createTestVm({ ownerId: alice.id, name: "web" });
    await createTestVm({ ownerId: alice.id, name: "old", state: "deleted" });

    expect(await getVmForOwner({ id: vm.id, ownerId: alice.id })).toMatchObject({ name: "web" });
    expect(await getVmForOwner({ id: vm.id, ownerId: bob.id })).toBeNull();
    expect((await listVmsForOwner({ ownerId: alice.id })).map((v) => v.name)).toEqual(["web"]);
    expect((await listVmsForOwner({ ownerId: alice.id, includeDeleted: true })).map((v) => v.name)).toEqual([
      "old",
      "web",
    ]);
    expect(await listVmsForOwner({ ownerId: bob.id })).toEqual([]);
  });

  it("keep a timeline, newest first", async () => {
    const owner = await createUserWithSession("tim", "member");
    const vm = await createTestVm({ ownerId: owner.id, name: "timeline" });
    const actor = { id: owner.id, label: "tim" };
    await recordVmEvent({ vmId: vm.id, kind: "created", message: "Created from debian-13", actor });
    await recordVmEvent({ vmId: vm.id, kind: "started", message: "Started", actor });
    expect((await listVmEvents({ vmId: vm.id })).map((event) => event.kind)).toEqual(["started", "created"]);
  });
});
