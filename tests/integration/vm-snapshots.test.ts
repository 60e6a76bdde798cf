import { describe, expect, it } from "vitest";
import {
  createSnapshotAction,
  deleteSnapshotAction,
  rollbackSnapshotAction,
} from "@/app/(portal)/vms/actions";
import { getVmById } from "@/db/queries/vms";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();

describe("snapshots", () => {
  it("are taken within the owner's snapshot quota, rolled back and deleted; others get 404", async () => {
    const alice = await createUserWithSession("alice", "member");
    const bob = await createUserWithSession("bob", "member");
    await giveQuota(alice.id, { vms: 5, cores: 10, memoryMb: 10_240, diskGb: 100, snapshots: 1 });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "infra-dns",
      vmid: 100,
      node: "pve2",
    });

    actAs(bob);
    expect(await createSnapshotAction({ vmId: vm.id, name: "sneaky" })).toMatchObject({
      ok: false,
      status: 404,
    });

    actAs(alice);
    expect(await createSnapshotAction({ vmId: vm.id, name: "1bad" })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(
      await createSnapshotAction({ vmId: vm.id, name: "before-upgrade", description: "safe" }),
    ).toMatchObject({ ok: true });
    expect((await getVmById({ id: vm.id }))?.snapshotCount).toBe(1);
    expect(await createSnapshotAction({ vmId: vm.id, name: "second" })).toMatchObject({
      ok: false,
      error: "This needs 1 snapshot, but you have 0 snapshots left of 1 snapshot.",
    });
    expect((await cluster.client.qemu.snapshots("pve2", 100)).map((s) => s.name)).toEqual(["before-upgrade"]);

    actAs(bob);
    expect(await rollbackSnapshotAction({ vmId: vm.id, name: "before-upgrade" })).toMatchObject({
      status: 404,
    });
    expect(await deleteSnapshotAction({ vmId: vm.id, name: "before-upgrade" })).toMatchObject({
      status: 404,
    });

    actAs(alice);
    expect(await rollbackSnapshotAction({ vmId: vm.id, name: "before-upgrade" })).toMatchObject({ ok: true });
    expect(await rollbackSnapshotAction({ vmId: vm.id, name: "nope" })).toMatchObject({
      ok: false,
      error: "Proxmox says: snapshot 'nope' does not exist.",
    });
    expect(await deleteSnapshotAction({ vmId: vm.id, name: "before-upgrade" })).toMatchObject({ ok: true });
    expect(await cluster.client.qemu.snapshots("pve2", 100)).toEqual([]);
    expect((await getVmById({ id: vm.id }))?.snapshotCount).toBe(0);
  });
});
