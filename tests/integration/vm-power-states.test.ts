import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setUserDisabledAction } from "@/app/(portal)/admin/users/actions";
import {
  createSnapshotAction,
  deleteSnapshotAction,
  powerVmAction,
  rollbackSnapshotAction,
} from "@/app/(portal)/vms/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { withLiveState } from "@/lib/vms/live-state";
import { reconcileVms } from "@/lib/vms/reconcile-vms";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const DAY = 24 * 60 * 60 * 1000;
const cluster = setUpClusterTestbed({ client: { resourceCacheMs: 0 } });
let owner: TestUser & { token: string };
let admin: TestUser & { token: string };
let nextVmid = 700;

beforeAll(async () => {
  owner = await createUserWithSession("pia", "member");
  admin = await createUserWithSession("ada", "admin");
});
afterEach(async () => {
  await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() });
});

const wait = async (upid: Promise<string>) => cluster.client.tasks.wait(await upid, { initialDelayMs: 10 });
const status = (vmid: number) => cluster.client.qemu.status("pve1", vmid);

/** A VM on the simulator, started (and paused, if asked) there, with a record that says "running". */
async function vmOnCluster(
  name: string,
  { paused = false, ...extra }: { paused?: boolean } & Partial<typeof vms.$inferInsert> = {},
) {
  const vmid = nextVmid++;
  const { client } = cluster;
  await cloneMemberVm(client, { newid: vmid, name });
  await wait(client.qemu.power("pve1", vmid, "start"));
  if (paused) await wait(client.qemu.power("pve1", vmid, "suspend"));
  return createTestVm({
    clusterId: "sim",
    ownerId: owner.id,
    name,
    vmid,
    node: "pve1",
    state: "running",
    ...extra,
  });
}

describe("a VM paused on Proxmox", () => {
  it("shows as paused on the dashboard, and reconciliation records it as paused, not stopped", async () => {
    const vm = await vmOnCluster("paused-live", { paused: true });
    const { vms: live } = await withLiveState([vm]);
    expect(live[0]!.live).toBe("paused");
    await reconcileVms();
    expect((await getVmById({ id: vm.id }))?.state).toBe("paused");
    await wait(cluster.client.qemu.power("pve1", vm.vmid!, "resume"));
    await reconcileVms();
    expect((await getVmById({ id: vm.id }))?.state).toBe("running");
  });

  it("is stopped when its lease ends, without a shutdown Proxmox would refuse", async () => {
    const now = new Date();
    const vm = await vmOnCluster("paused-lease", {
      paused: true,
      createdAt: new Date(now.getTime() - 30 * DAY),
      leaseExpiresAt: new Date(now.getTime() - 3_600_000),
    });
    const report = await sweepLeases({ now });
    expect(report).toMatchObject({ stopped: 1, errors: [] });
    expect((await status(vm.vmid!)).status).toBe("stopped");
    expect(await getVmById({ id: vm.id })).toMatchObject({
      state: "stopped",
      leaseStoppedAt: expect.any(Date),
    });
  });

  it("is stopped when an admin disables its owner; a VM that cannot be stopped is named with Proxmox's reason", async () => {
    const leaving = await createUserWithSession("lee", "member");
    const paused = await vmOnCluster("paused-owner", { paused: true, ownerId: leaving.id });
    const locked = await vmOnCluster("locked-owner", { ownerId: leaving.id });
    cluster.sim.state.vms.find((vm) => vm.vmid === locked.vmid)!.lock = "backup";
    actAs(admin);
    const result = await setUserDisabledAction({ userId: leaving.id, disabled: true, stopVms: true });
    cluster.sim.state.vms.find((vm) => vm.vmid === locked.vmid)!.lock = undefined;
    expect(result).toEqual({
      ok: true,
      data: {
        disabled: true,
        stoppedVms: 1,
        notStopped: [{ name: "locked-owner", reason: "VM is locked (backup)" }],
      },
    });
    expect((await status(paused.vmid!)).status).toBe("stopped");
    expect((await getVmById({ id: paused.id }))?.state).toBe("stopped");
    expect((await status(locked.vmid!)).status).toBe("running");
    const timeline = await listVmEvents({ vmId: locked.id });
    expect(timeline.map((event) => renderMessage(event.message, englishTranslator()))).toContain(
      "Could not be stopped when its owner's account was disabled: VM is locked (backup)",
    );
    const [audit] = await listAuditEvents({ action: "user.disable", targetId: leaving.id });
    expect(audit?.detail).toMatchObject({
      stoppedVms: [paused.id],
      notStoppedVms: [{ vmId: locked.id, name: "locked-owner", reason: "VM is locked (backup)" }],
    });
  });
});

describe("what a member reads when Proxmox refuses", () => {
  it("a shutdown that fails for a lock says so, not that the guest ignored the power button", async () => {
    const vm = await vmOnCluster("locked-shutdown");
    cluster.sim.state.vms.find((candidate) => candidate.vmid === vm.vmid)!.lock = "backup";
    actAs(owner);
    const refused = await powerVmAction({ vmId: vm.id, action: "shutdown" });
    cluster.sim.state.vms.find((candidate) => candidate.vmid === vm.vmid)!.lock = undefined;
    expect(refused).toMatchObject({ ok: false, status: 409, error: "Proxmox says: VM is locked (backup)." });
  });

  it("resuming a stopped VM, a duplicate snapshot name and a missing snapshot each carry Proxmox's reason", async () => {
    const vm = await vmOnCluster("refusals");
    actAs(owner);
    expect(await createSnapshotAction({ vmId: vm.id, name: "first" })).toMatchObject({ ok: true });
    expect(await createSnapshotAction({ vmId: vm.id, name: "first" })).toMatchObject({
      ok: false,
      error: "Proxmox says: snapshot name 'first' already used.",
    });
    expect(await rollbackSnapshotAction({ vmId: vm.id, name: "nothere" })).toMatchObject({
      ok: false,
      error: "Proxmox says: snapshot 'nothere' does not exist.",
    });
    expect(await deleteSnapshotAction({ vmId: vm.id, name: "nothere" })).toMatchObject({
      ok: false,
      error: "Proxmox says: snapshot 'nothere' does not exist.",
    });
    await wait(cluster.client.qemu.power("pve1", vm.vmid!, "stop"));
    expect(await powerVmAction({ vmId: vm.id, action: "resume" })).toMatchObject({
      ok: false,
      status: 409,
      error: `Proxmox refused: VM ${vm.vmid} not running.`,
    });
  });
});
