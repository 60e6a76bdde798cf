import { beforeAll, describe, expect, it } from "vitest";
import { setUserDisabledAction } from "@/app/(portal)/admin/users/actions";
import {
  adminDeleteVmAction,
  adminPowerVmAction,
  adminSetLeaseAction,
  adminTransferVmAction,
  adoptVmAction,
} from "@/app/(portal)/admin/vms/actions";
import { getVmById, listAllVms, listVmsForOwner } from "@/db/queries/vms";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { setSetting } from "@/lib/settings/settings";
import { listAdoptableVms } from "@/lib/vms/adopt-vm";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// Adopting VMs the portal did not make needs the guide's optional grant on /vms.
const cluster = setUpClusterTestbed({ access: { adoptAnyVm: true } });
let admin: Awaited<ReturnType<typeof createUserWithSession>>;
let alice: Awaited<ReturnType<typeof createUserWithSession>>;
let bob: Awaited<ReturnType<typeof createUserWithSession>>;

beforeAll(async () => {
  admin = await createUserWithSession("ada", "admin");
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  await cluster.client.tasks.wait(
    await cluster.admin.qemu.clone("pve1", 9000, { newid: 700, name: "lab-db" }),
    {
      initialDelayMs: 20,
    },
  );
});

describe("an admin acting on any VM", () => {
  it("adopts an existing Proxmox VM for a member, once, and never one in an ignored pool", async () => {
    await setSetting("pools.ignored", ["infra"], null);
    const adoptable = await listAdoptableVms();
    expect(adoptable.vms.map((vm) => vm.vmid)).toEqual([700]);
    actAs(admin);
    const adopted = await adoptVmAction({ clusterId: "sim", vmid: 700, ownerId: alice.id });
    expect(adopted.ok).toBe(true);
    expect(await adoptVmAction({ clusterId: "sim", vmid: 700, ownerId: alice.id })).toMatchObject({
      ok: false,
      error: "VM 700 is already in the portal.",
    });
    expect(await adoptVmAction({ clusterId: "sim", vmid: 100, ownerId: alice.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ignored pool infra/),
    });
    const [record] = await listVmsForOwner({ ownerId: alice.id });
    expect(record).toMatchObject({ name: "lab-db", vmid: 700, node: "pve1", state: "stopped", cores: 1 });
    expect(record?.leaseExpiresAt).toBeInstanceOf(Date);
  });

  it("sets any lease date, exempts a VM from expiry, transfers it and powers it", async () => {
    const [vm] = await listVmsForOwner({ ownerId: alice.id });
    actAs(admin);
    expect(await adminSetLeaseAction({ vmId: vm!.id, endsOn: "2026-01-02" })).toMatchObject({
      ok: true,
      data: { leaseExpiresAt: "2026-01-02T23:59:59.000Z" },
    });
    expect(await adminSetLeaseAction({ vmId: vm!.id, exempt: true })).toMatchObject({
      ok: true,
      data: { exempt: true },
    });
    expect(await sweepLeases()).toMatchObject({ candidates: 0 });

    expect(await adminTransferVmAction({ vmId: vm!.id, ownerId: bob.id })).toMatchObject({ ok: true });
    expect(await listVmsForOwner({ ownerId: alice.id })).toHaveLength(0);
    expect((await listVmsForOwner({ ownerId: bob.id })).map((row) => row.name)).toEqual(["lab-db"]);
    expect((await listAllVms({ owner: "bob" })).map((row) => row.vm.name)).toEqual(["lab-db"]);

    expect(await adminPowerVmAction({ vmId: vm!.id, action: "start" })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.status("pve1", 700)).status).toBe("running");
  });

  it("is refused to members (404) and auditors (403), and deletes only when the name is typed", async () => {
    const [vm] = await listVmsForOwner({ ownerId: bob.id });
    actAs(bob);
    expect(await adminDeleteVmAction({ vmId: vm!.id, confirmName: "lab-db" })).toMatchObject({ status: 404 });
    actAs(admin);
    expect(await adminDeleteVmAction({ vmId: vm!.id, confirmName: "lab" })).toMatchObject({ ok: false });
    expect(await adminDeleteVmAction({ vmId: vm!.id, confirmName: "lab-db" })).toMatchObject({ ok: true });
    expect((await getVmById({ id: vm!.id }))?.state).toBe("deleted");
    await expect(cluster.client.qemu.status("pve1", 700)).rejects.toThrow(/does not exist/);
  });

  it("disables a member and, when asked, stops their running VMs", async () => {
    const client = cluster.client;
    await cloneMemberVm(client, { newid: 701, name: "busy" });
    await client.tasks.wait(await client.qemu.power("pve1", 701, "start"), { initialDelayMs: 20 });
    actAs(admin);
    expect((await adoptVmAction({ clusterId: "sim", vmid: 701, ownerId: alice.id })).ok).toBe(true);
    expect(await setUserDisabledAction({ userId: alice.id, disabled: true, stopVms: true })).toMatchObject({
      ok: true,
      data: { disabled: true, stoppedVms: 1 },
    });
    expect((await client.qemu.status("pve1", 701)).status).toBe("stopped");
    expect((await listVmsForOwner({ ownerId: alice.id }))[0]?.state).toBe("stopped");
    await setUserDisabledAction({ userId: alice.id, disabled: false });
  });
});
