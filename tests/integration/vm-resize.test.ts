import { describe, expect, it } from "vitest";
import { resizeVmAction } from "@/app/(portal)/vms/actions";
import { getVmById } from "@/db/queries/vms";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();

describe("resizing a VM", () => {
  it("grows within limits and quota, keeps CPU and memory pending on a running VM, never shrinks the disk, and is the owner's alone", async () => {
    const alice = await createUserWithSession("alice", "member");
    const bob = await createUserWithSession("bob", "member");
    await giveQuota(alice.id, { vms: 5, cores: 4, memoryMb: 8192, diskGb: 40, snapshots: 1 });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "infra-dns",
      vmid: 100,
      node: "pve2",
      cores: 2,
      memoryMb: 2048,
      diskGb: 16,
    });

    actAs(bob);
    expect(await resizeVmAction({ vmId: vm.id, cores: 4, memoryMb: 4096, diskGb: 20 })).toMatchObject({
      ok: false,
      status: 404,
    });

    actAs(alice);
    expect(await resizeVmAction({ vmId: vm.id, cores: 4, memoryMb: 4096, diskGb: 20 })).toEqual({
      ok: true,
      data: { pendingUntilReboot: ["cores", "memory"] },
    });
    expect(await getVmById({ id: vm.id })).toMatchObject({ cores: 4, memoryMb: 4096, diskGb: 20 });
    expect((await cluster.client.qemu.config("pve2", 100, { current: true })).scsi0).toMatch(/size=20G/);

    expect(await resizeVmAction({ vmId: vm.id, cores: 4, memoryMb: 4096, diskGb: 10 })).toMatchObject({
      ok: false,
      error: "Disks can only grow: this one has 20 GiB.",
    });
    expect(await resizeVmAction({ vmId: vm.id, cores: 6, memoryMb: 4096, diskGb: 20 })).toMatchObject({
      ok: false,
      error: "This needs 2 cores, but you have 0 cores left of 4 cores.",
    });
    expect(await resizeVmAction({ vmId: vm.id, cores: 64, memoryMb: 4096, diskGb: 20 })).toMatchObject({
      ok: false,
      error: "Pick between 1 and 8 cores.",
    });
    expect(await getVmById({ id: vm.id })).toMatchObject({ cores: 4, memoryMb: 4096, diskGb: 20 });
  });
});
