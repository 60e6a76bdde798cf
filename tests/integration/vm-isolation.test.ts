import { describe, expect, it } from "vitest";
import { deleteVmAction, powerVmAction, renewLeaseAction } from "@/app/(portal)/vms/actions";
import { getVmById } from "@/db/queries/vms";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// VM 100 (infra-dns) stands for an adopted VM, which needs the guide's optional grant on /vms.
const cluster = setUpClusterTestbed({ access: { adoptAnyVm: true } });

describe("another member's VM", () => {
  it("cannot be powered or deleted by bob, whatever he sends; the answer is 404 and nothing changes", async () => {
    const alice = await createUserWithSession("alice", "member");
    const bob = await createUserWithSession("bob", "member");
    // As the portal marks a VM it adopts: deleting checks this tag.
    await cluster.client.qemu.updateConfig("pve2", 100, { tags: "roost" });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "infra-dns",
      vmid: 100,
      node: "pve2",
      state: "running",
    });

    actAs(bob);
    for (const action of ["stop", "shutdown", "reboot", "suspend", "start"] as const) {
      expect(await powerVmAction({ vmId: vm.id, action })).toMatchObject({ ok: false, status: 404 });
    }
    expect(await deleteVmAction({ vmId: vm.id, confirmName: "infra-dns" })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await cluster.client.qemu.status("pve2", 100)).status).toBe("running");
    expect((await getVmById({ id: vm.id }))?.state).toBe("running");

    actAs(alice);
    expect(await powerVmAction({ vmId: vm.id, action: "stop" })).toEqual({
      ok: true,
      data: { state: "stopped" },
    });
    expect((await cluster.client.qemu.status("pve2", 100)).status).toBe("stopped");
    expect(await deleteVmAction({ vmId: vm.id, confirmName: "wrong" })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/Type the VM's name/),
    });
    expect(await deleteVmAction({ vmId: vm.id, confirmName: "infra-dns" })).toMatchObject({ ok: true });
    expect((await getVmById({ id: vm.id }))?.state).toBe("deleted");
    await expect(cluster.client.qemu.status("pve2", 100)).rejects.toMatchObject({ status: 500 });
  });

  it("offers a forced stop when the guest ignores the shutdown", async () => {
    const carol = await createUserWithSession("carol", "member");
    await cloneMemberVm(cluster.client, { newid: 300, name: "stubborn" });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 300, "start"), {
      initialDelayMs: 20,
    });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: carol.id,
      name: "stubborn",
      vmid: 300,
      node: "pve1",
      state: "running",
    });
    cluster.sim.setFaults({
      failTasks: [{ type: "qmshutdown", message: "VM quit/powerdown failed - got timeout" }],
    });
    actAs(carol);
    const refused = await powerVmAction({ vmId: vm.id, action: "shutdown" });
    cluster.sim.setFaults({ failTasks: [] });
    expect(refused).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/did not shut down within 60 seconds.*force it to stop/),
    });
    expect(await powerVmAction({ vmId: vm.id, action: "stop" })).toEqual({
      ok: true,
      data: { state: "stopped" },
    });
  });

  it("has its lease renewed by its owner only, to one lease length from now", async () => {
    const dora = await createUserWithSession("dora", "member");
    const eric = await createUserWithSession("eric", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: dora.id,
      name: "leased",
      leaseExpiresAt: new Date(Date.now() + 86_400_000),
    });
    actAs(eric);
    expect(await renewLeaseAction({ vmId: vm.id })).toMatchObject({ ok: false, status: 404 });
    expect((await getVmById({ id: vm.id }))?.leaseExpiresAt?.getTime()).toBeLessThan(
      Date.now() + 2 * 86_400_000,
    );
    actAs(dora);
    const renewed = await renewLeaseAction({ vmId: vm.id });
    expect(renewed.ok).toBe(true);
    const end = (await getVmById({ id: vm.id }))!.leaseExpiresAt!.getTime();
    expect(Math.round((end - Date.now()) / 86_400_000)).toBe(90);
  });

  it("is refused to anonymous callers too", async () => {
    actAs(null);
    expect(
      await powerVmAction({ vmId: "00000000-0000-4000-8000-000000000000", action: "start" }),
    ).toMatchObject({ status: 404 });
  });
});
