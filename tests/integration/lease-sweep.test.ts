import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listMail } from "@/db/queries/mail";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { vms } from "@/db/schema";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { settingDefinitions } from "@/lib/settings/registry";
import { setSetting } from "@/lib/settings/settings";
import { createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const DAY = 24 * 60 * 60 * 1000;
let owner: TestUser;
/** The controlled clock: the simulator and the sweep both read real time plus this. */
let offset = 0;
const cluster = setUpClusterTestbed({ sim: { now: () => Date.now() + offset } });
const now = () => new Date(Date.now() + offset);
const at = (days: number, base: Date) => new Date(base.getTime() + days * DAY);
let nextVmid = 300;

beforeAll(async () => {
  owner = await createUserWithSession("lena", "member");
});
afterEach(async () => {
  // Each test's VMs leave the sweep's sight, and the policy goes back to its defaults.
  await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() });
  await setSetting("lease.policy", settingDefinitions["lease.policy"].defaultValue, null);
  await setSetting("pools.ignored", [], null);
  await setSetting("backup.lifecycle", settingDefinitions["backup.lifecycle"].defaultValue, null);
  offset = 0;
});

/** A running VM on the simulator with a portal record whose lease ends `leaseDays` from `base`. */
async function leasedVm(
  name: string,
  base: Date,
  leaseDays: number,
  extra: Partial<typeof vms.$inferInsert> = {},
) {
  const vmid = nextVmid++;
  const client = cluster.client;
  await cloneMemberVm(client, { newid: vmid, name });
  if (extra.pool === undefined)
    await client.tasks.wait(await client.qemu.power("pve1", vmid, "start"), { initialDelayMs: 20 });
  return createTestVm({
    clusterId: "sim",
    ownerId: owner.id,
    name,
    vmid,
    node: "pve1",
    state: "running",
    createdAt: base,
    leaseExpiresAt: at(leaseDays, base),
    ...extra,
  });
}

const mailOf = async (kind: string) =>
  (await listMail({ userId: owner.id })).filter((mail) => mail.kind === kind);
const proxmoxStatus = (vmid: number) =>
  cluster.client.qemu.status("pve1", vmid).then(
    (status) => status.status,
    () => "gone",
  );

describe("the lease sweep", () => {
  it("sends each reminder exactly once, even when sweeps overlap", async () => {
    const base = new Date();
    const vm = await leasedVm("remind-me", base, 20);
    for (const [day, expected] of [
      [6.1, 1],
      [6.2, 1],
      [13.1, 2],
      [17.1, 3],
      [19.1, 4],
      [19.5, 4],
    ] as const) {
      offset = day * DAY;
      // Two sweeps at once, as two replicas or an overlapping run would do.
      await Promise.all([sweepLeases({ now: now() }), sweepLeases({ now: now() })]);
      expect((await mailOf("lease-reminder")).length).toBe(expected);
    }
    const subjects = (await mailOf("lease-reminder")).map((mail) => mail.subject).sort();
    expect(subjects).toEqual([
      "remind-me expires in 14 days",
      "remind-me expires in 3 days",
      "remind-me expires in 7 days",
      "remind-me expires tomorrow",
    ]);
    const reminders = (await listVmEvents({ vmId: vm.id })).filter((event) => event.kind === "reminded");
    expect(reminders).toHaveLength(4);
    expect((await listAuditEvents({ action: "lease.remind" })).length).toBeGreaterThanOrEqual(4);
    expect(await proxmoxStatus(vm.vmid!)).toBe("running");
  });

  it("stops the VM at expiry, then deletes it after the grace period, telling the owner each time", async () => {
    const base = new Date();
    const vm = await leasedVm("expire-me", base, 10);
    await setSetting("backup.lifecycle", { keepDaysAfterDelete: 14 }, null);
    offset = 10 * DAY + 3_600_000;
    const stopped = await sweepLeases({ now: now() });
    expect(stopped).toMatchObject({ stopped: 1, deleted: 0, errors: [] });
    expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    expect(await getVmById({ id: vm.id })).toMatchObject({
      state: "stopped",
      leaseStoppedAt: expect.any(Date),
    });
    const [stoppedMail] = await mailOf("lease-stopped");
    expect(stoppedMail?.subject).toBe("expire-me was stopped: its lease ended");
    // The setting as it is when the sweep runs, not its default.
    expect(stoppedMail?.text).toContain(
      "Its backups, if it has any, are kept for 14 days after it is deleted",
    );

    offset = 16 * DAY;
    expect(await sweepLeases({ now: now() })).toMatchObject({ stopped: 0, deleted: 0 });
    offset = 17 * DAY + 3_600_000;
    expect(await sweepLeases({ now: now() })).toMatchObject({ deleted: 1, errors: [] });
    expect(await proxmoxStatus(vm.vmid!)).toBe("gone");
    expect(await getVmById({ id: vm.id })).toMatchObject({ state: "deleted", deletedAt: expect.any(Date) });
    expect((await mailOf("lease-deleted")).map((mail) => mail.subject)).toEqual(["expire-me was deleted"]);
    const timeline = (await listVmEvents({ vmId: vm.id })).map((event) => event.kind);
    expect(timeline).toEqual(expect.arrayContaining(["lease", "deleted"]));
    expect((await listAuditEvents({ action: "lease.delete" })).map((event) => event.targetId)).toContain(
      vm.id,
    );
  });

  it("lets a renewal that lands during the sweep win, and refuses one after the deletion began", async () => {
    const base = new Date();
    const vm = await leasedVm("renew-me", base, 1);
    offset = 30 * DAY;
    const report = await sweepLeases({
      now: now(),
      beforeDecisions: async () => {
        await renewOwnedLease(vm.id, owner, { id: owner.id, label: "lena" }, now());
      },
    });
    expect(report).toMatchObject({ candidates: 1, deleted: 0, stopped: 0 });
    expect(await proxmoxStatus(vm.vmid!)).toBe("running");
    expect((await getVmById({ id: vm.id }))?.leaseExpiresAt?.getTime()).toBeGreaterThan(now().getTime());

    await getDb().update(vms).set({ state: "deleting" });
    await expect(renewOwnedLease(vm.id, owner, { id: owner.id, label: "lena" }, now())).rejects.toThrow(
      /being deleted/,
    );
  });

  it("changes nothing while paused, and only reports in a dry run", async () => {
    const base = new Date();
    const soon = await leasedVm("dry-soon", base, 5);
    const over = await leasedVm("dry-over", base, 1);
    offset = 10 * DAY;
    const policy = settingDefinitions["lease.policy"].defaultValue;
    const mailBefore = (await listMail({ userId: owner.id })).length;
    await setSetting("lease.policy", { ...policy, paused: true }, null);
    expect(await sweepLeases({ now: now() })).toMatchObject({ paused: true, candidates: 0 });
    await setSetting("lease.policy", { ...policy, dryRun: true, digestTo: ["ops@test.invalid"] }, null);
    const report = await sweepLeases({ now: now() });
    expect(report).toMatchObject({ dryRun: true, stopped: 0, deleted: 0, reminded: 0 });
    expect(report.planned.sort()).toEqual([
      expect.stringMatching(/^delete dry-over \(lease ended .*, grace over\)$/),
      `stop dry-soon (lease ended ${at(5, base).toISOString().slice(0, 10)})`,
    ]);
    for (const vm of [soon, over]) {
      expect(await proxmoxStatus(vm.vmid!)).toBe("running");
      expect(await getVmById({ id: vm.id })).toMatchObject({ state: "running", leaseStoppedAt: null });
    }
    expect(await listMail({ userId: owner.id })).toHaveLength(mailBefore);
    const digest = (await listMail()).find((mail) => mail.kind === "lease-digest");
    expect(digest?.text).toMatch(/Dry run: the sweep stopped and deleted nothing/);
    expect(digest?.text).toMatch(/• delete dry-over/);
  });

  it("never touches exempt VMs or VMs in ignored pools", async () => {
    const base = new Date();
    const exempt = await leasedVm("exempt", base, 1, { leaseExempt: true });
    const pooled = await leasedVm("pooled", base, 1, { pool: "keep" });
    await setSetting("pools.ignored", ["keep"], null);
    offset = 30 * DAY;
    expect(await sweepLeases({ now: now() })).toMatchObject({ candidates: 0, stopped: 0, deleted: 0 });
    expect(await getVmById({ id: exempt.id })).toMatchObject({ state: "running", deletedAt: null });
    expect(await getVmById({ id: pooled.id })).toMatchObject({ state: "running", deletedAt: null });
  });

  it("handles a VM that is gone from Proxmox without an error", async () => {
    const base = new Date();
    const ghost = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "ghost",
      vmid: 999,
      node: "pve1",
      state: "running",
      leaseExpiresAt: at(1, base),
    });
    offset = 2 * DAY;
    expect(await sweepLeases({ now: now() })).toMatchObject({ missing: 1, errors: [] });
    expect(await getVmById({ id: ghost.id })).toMatchObject({ state: "missing" });
    offset = 9 * DAY;
    expect(await sweepLeases({ now: now() })).toMatchObject({ deleted: 1, missing: 1, errors: [] });
    expect(await getVmById({ id: ghost.id })).toMatchObject({ state: "deleted" });
  });

  it("leaves a VM it cannot see alone: no stop, no deletion, the record kept, and the sweep says why", async () => {
    const base = new Date();
    const hidden = await leasedVm("hidden", base, 1);
    // An admin takes it out of the portal's pool: it runs on, and the portal's token may not audit it.
    cluster.sim.state.vms.find((vm) => vm.vmid === hidden.vmid)!.pool = undefined;
    offset = 2 * DAY;
    const stopping = await sweepLeases({ now: now() });
    expect(stopping).toMatchObject({ stopped: 0, missing: 0 });
    expect(stopping.errors).toEqual([expect.stringMatching(/^hidden: .*could not be proven gone.*403/)]);
    offset = 9 * DAY;
    expect(await sweepLeases({ now: now() })).toMatchObject({ deleted: 0, missing: 0 });
    expect(await getVmById({ id: hidden.id })).toMatchObject({ state: "running", deletedAt: null });
    expect((await cluster.admin.qemu.status("pve1", hidden.vmid!)).status).toBe("running");
  });

  it("marks a VM idle from its CPU figures and says so in the reminder", async () => {
    const base = new Date();
    const vm = await leasedVm("sleepy", base, 20);
    await cluster.client.qemu.updateConfig("pve1", vm.vmid!, { tags: "sim-idle" });
    offset = 10 * DAY;
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", vm.vmid!, "reboot"), {
      initialDelayMs: 20,
    });
    await sweepLeases({ now: now() });
    const [reminder] = await mailOf("lease-reminder");
    expect(reminder?.text).toMatch(/idle for \d+ days/);
    expect((await getVmById({ id: vm.id }))?.idleSince).toBeInstanceOf(Date);
  });
});
