import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listMail } from "@/db/queries/mail";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { cohortSeats, cohorts, consoleTickets, idleWatches, type NewVm, vms } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { consoleSessionsAlive } from "@/lib/console/console-sessions";
import { hashConsoleToken } from "@/lib/console/ticket-hash";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { endTerms } from "@/lib/schedules/end-of-term";
import { stopIdleVms } from "@/lib/schedules/idle-stop";
import { savePowerSchedule } from "@/lib/schedules/manage-schedules";
import { type EdgeReport, runScheduleEdges } from "@/lib/schedules/run-schedule-edges";
import { settingDefinitions } from "@/lib/settings/registry";
import { setSetting } from "@/lib/settings/settings";
import { powerOwnedVm } from "@/lib/vms/operate-vm";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const MINUTE = 60_000;
const cluster = setUpClusterTestbed();
let student: TestUser;
let teacher: TestUser;
let admin: TestUser;
let nextVmid = 400;

beforeAll(async () => {
  student = await createUserWithSession("sam", "member");
  teacher = await createUserWithSession("tess", "admin");
  admin = await createUserWithSession("ada", "admin");
});
afterEach(async () => {
  vi.useRealTimers();
  await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() });
  await setSetting("idle.stop", settingDefinitions["idle.stop"].defaultValue, null);
});

/** A VM on the simulator, running or not, with its portal record. */
async function simVm(name: string, running: boolean, extra: Partial<NewVm> = {}) {
  const vmid = nextVmid++;
  await cloneMemberVm(cluster.client, { newid: vmid, name });
  if (running)
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", vmid, "start"), {
      initialDelayMs: 20,
    });
  return createTestVm({
    clusterId: "sim",
    ownerId: student.id,
    name,
    vmid,
    node: "pve1",
    state: running ? "running" : "stopped",
    ...extra,
  });
}

const proxmoxStatus = async (vmid: number) => (await cluster.client.qemu.status("pve1", vmid)).status;
const person = (user: TestUser) => ({ id: user.id, role: user.role });
const actor = (user: TestUser) => ({ id: user.id, label: user.username });

describe("a class schedule", () => {
  it("starts and stops its VMs at 09:00 and 12:00 Berlin time on both sides of the spring DST change", async () => {
    const vm = await simVm("lab-dst", false);
    await savePowerSchedule({
      person: person(admin),
      actor: actor(admin),
      target: { vmId: vm.id },
      input: {
        timeZone: "Europe/Berlin",
        slots: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "12:00" }],
        allowOutside: true,
      },
      now: new Date("2026-03-27T06:00:00Z"),
    });
    // Friday before the change: 09:00 CET is 08:00 UTC.
    expect(await runScheduleEdges({ now: new Date("2026-03-27T07:59:00Z") })).toEqual([]);
    const [friday] = await runScheduleEdges({ now: new Date("2026-03-27T08:00:30Z") });
    expect(friday).toMatchObject({ action: "start", at: "2026-03-27T08:00:00.000Z" });
    expect(await proxmoxStatus(vm.vmid!)).toBe("running");
    // The same minute again, as a second replica would run it: the edge was claimed, nothing repeats.
    expect(await runScheduleEdges({ now: new Date("2026-03-27T08:00:40Z") })).toEqual([]);
    await runScheduleEdges({ now: new Date("2026-03-27T11:00:10Z") });
    expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    // Monday after the change: 09:00 CEST is 07:00 UTC, an hour earlier than on Friday.
    expect(await runScheduleEdges({ now: new Date("2026-03-30T06:59:00Z") })).toEqual([]);
    expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    const [monday] = await runScheduleEdges({ now: new Date("2026-03-30T07:00:20Z") });
    expect(monday).toMatchObject({ action: "start", at: "2026-03-30T07:00:00.000Z" });
    expect(await proxmoxStatus(vm.vmid!)).toBe("running");
    expect(await getVmById({ id: vm.id })).toMatchObject({ state: "running" });
    const events = (await listVmEvents({ vmId: vm.id })).map((event) => event.message);
    expect(events.filter((message) => message === "Started: class begins")).toHaveLength(2);
    expect(events).toContain("Shut down: class is over");
  });

  it("after downtime over a whole class, leaves the VMs as the schedule has them now, acting once", async () => {
    const vm = await simVm("lab-downtime", false);
    await savePowerSchedule({
      person: person(admin),
      actor: actor(admin),
      target: { vmId: vm.id },
      input: { timeZone: "UTC", slots: [{ days: [2], start: "09:00", end: "10:00" }], allowOutside: true },
      now: new Date("2026-03-31T08:00:00Z"),
    });
    const reports = (await runScheduleEdges({ now: new Date("2026-03-31T11:00:00Z") })).filter((report) =>
      report.outcomes.some((outcome) => outcome.vmId === vm.id),
    );
    expect(reports.map((report) => report.action)).toEqual(["stop"]);
    expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    expect((await listVmEvents({ vmId: vm.id })).some((event) => event.kind === "started")).toBe(false);
  });

  it("refuses a member's start outside class with a 409 when the teacher does not allow it, and not in class", async () => {
    const vm = await simVm("lab-closed", false);
    await savePowerSchedule({
      person: person(admin),
      actor: actor(admin),
      target: { vmId: vm.id },
      input: {
        timeZone: "Europe/Berlin",
        slots: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "12:00" }],
        allowOutside: false,
      },
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    // Saturday: no class.
    vi.setSystemTime(new Date("2026-03-28T10:00:00Z"));
    const refused = powerOwnedVm({
      vmId: vm.id,
      person: person(student),
      action: "start",
      actor: actor(student),
    });
    await expect(refused).rejects.toMatchObject({
      kind: "conflict",
      message:
        "This VM may only be started during class. The next class begins Monday 30 March at 09:00 (Europe/Berlin).",
    });
    expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    // An admin runs the class and may start it whenever.
    await powerOwnedVm({ vmId: vm.id, person: person(admin), action: "start", actor: actor(admin) });
    await powerOwnedVm({ vmId: vm.id, person: person(admin), action: "stop", actor: actor(admin) });
    // Monday 10:30 CEST: in class, the member may.
    vi.setSystemTime(new Date("2026-03-30T08:30:00Z"));
    await expect(
      powerOwnedVm({ vmId: vm.id, person: person(student), action: "start", actor: actor(student) }),
    ).resolves.toEqual({ state: "running" });
  });

  it("on PVE 9.1 starts and stops a class's VMs in one bulk task each", async () => {
    const template = await approveDebianTemplate();
    const [cohort] = await getDb()
      .insert(cohorts)
      .values({
        name: "Bulk 100",
        slug: "bulk100",
        teacherId: teacher.id,
        templateId: template.id,
        cores: 1,
        memoryMb: 1024,
        diskGb: 8,
        endsAt: new Date("2027-01-01T00:00:00Z"),
      })
      .returning();
    const seats = [
      await simVm("bulk100-a", false, { cohortId: cohort!.id }),
      await simVm("bulk100-b", false, { cohortId: cohort!.id }),
      await simVm("bulk100-c", true, { cohortId: cohort!.id }),
    ];
    const schedule = await savePowerSchedule({
      person: person(teacher),
      actor: actor(teacher),
      target: { cohortId: cohort!.id },
      input: { timeZone: "UTC", slots: [{ days: [3], start: "09:00", end: "10:00" }], allowOutside: true },
      now: new Date("2026-04-01T08:00:00Z"),
    });
    const ofClass = (reports: EdgeReport[]) => reports.find((report) => report.scheduleId === schedule.id);
    const start = ofClass(await runScheduleEdges({ now: new Date("2026-04-01T09:00:05Z") }));
    expect(start?.outcomes.map((outcome) => outcome.outcome).sort()).toEqual(["already", "done", "done"]);
    for (const vm of seats) expect(await proxmoxStatus(vm.vmid!)).toBe("running");
    const stop = ofClass(await runScheduleEdges({ now: new Date("2026-04-01T10:00:05Z") }));
    expect(stop?.outcomes.map((outcome) => outcome.outcome)).toEqual(["done", "done", "done"]);
    for (const vm of seats) expect(await proxmoxStatus(vm.vmid!)).toBe("stopped");
    const types = (await cluster.client.tasks.list("pve1", { limit: 200 })).map((task) => task.type);
    expect(types.filter((type) => type === "bulk-start")).toHaveLength(1);
    expect(types.filter((type) => type === "bulk-shutdown")).toHaveLength(1);
  });

  it("lets a student not set their own VM's times when it sits in a class", async () => {
    const template = await approveDebianTemplate();
    const [cohort] = await getDb()
      .insert(cohorts)
      .values({
        name: "Networks 101",
        slug: "net101",
        teacherId: teacher.id,
        templateId: template.id,
        cores: 1,
        memoryMb: 1024,
        diskGb: 8,
        endsAt: new Date(Date.now() + 30 * 24 * 60 * MINUTE),
      })
      .returning();
    const vm = await simVm("net101-sam", false, { cohortId: cohort!.id });
    await expect(
      savePowerSchedule({
        person: person(student),
        actor: actor(student),
        target: { vmId: vm.id },
        input: { timeZone: "UTC", slots: [{ days: [1], start: "00:00", end: "23:59" }], allowOutside: true },
      }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

/** A console session as the relay holds one: redeemed, open, reported alive. */
async function openConsole(vmId: string, vmid: number, at: Date): Promise<string> {
  const token = randomBytes(16).toString("base64url");
  await getDb()
    .insert(consoleTickets)
    .values({
      tokenHash: hashConsoleToken(token),
      userId: student.id,
      vmId,
      clusterId: "sim",
      node: "pve1",
      vmid,
      kind: "vnc",
      port: 5900,
      vncTicket: "unused",
      expiresAt: new Date(at.getTime() + 30_000),
      usedAt: at,
      lastSeenAt: at,
    });
  return token;
}

/** The portal's next poll of the cluster, so its cached answer (aged by the real clock) has the new VMs. */
async function readResourcesAfresh() {
  await (await getProxmoxClient("sim")).resources.get({ maxAgeMs: 0 });
}

describe("idle stop", () => {
  it("stops a quiet VM with no console open, keeps one whose console is open, and stops that one once it closes", async () => {
    await setSetting("idle.stop", { enabled: true, minutes: 10, cpuPercent: 50, networkKibps: 100 }, null);
    const watched = await simVm("idle-watched", true);
    const alone = await simVm("idle-alone", true);
    await readResourcesAfresh();
    const t0 = new Date();
    const token = await openConsole(watched.id, watched.vmid!, t0);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    // The clock the portal, its cached cluster answers and the simulator's counters all read.
    vi.useFakeTimers({ toFake: ["Date"] });
    const idleRun = (minute: number) => {
      vi.setSystemTime(at(minute));
      return stopIdleVms({ now: at(minute) });
    };
    for (let minute = 0; minute <= 12; minute += 2) {
      // The relay reports the open console every few seconds.
      expect((await consoleSessionsAlive([token], at(minute))).revoke).toEqual([]);
      await idleRun(minute);
    }
    expect(await proxmoxStatus(alone.vmid!)).toBe("stopped");
    expect(await proxmoxStatus(watched.vmid!)).toBe("running");
    // The quiet run is kept in the database, for whichever replica runs the next minute; a stopped VM's goes.
    const watches = await getDb().select().from(idleWatches);
    expect(watches.map((watch) => watch.vmId)).toEqual([watched.id]);
    // Its first reading: the cached cluster answer of minute 0, a moment old.
    expect(at(0).getTime() - watches[0]!.quietSince!.getTime()).toBeLessThan(10_000);
    expect(await getVmById({ id: alone.id })).toMatchObject({ state: "stopped", deletedAt: null });
    expect(await getVmById({ id: watched.id })).toMatchObject({ lastConsoleAt: at(12) });
    const mails = (await listMail({ userId: student.id })).filter((mail) => mail.kind === "idle-stopped");
    expect(mails.map((mail) => mail.subject)).toEqual(["idle-alone was stopped: it was idle"]);
    expect((await listVmEvents({ vmId: alone.id })).map((event) => event.message)).toContain(
      "Shut down: idle for 10 minutes (no console, CPU under 50%, network under 100 KiB/s)",
    );

    // The console closes at minute 12; ten quiet minutes later the VM stops too.
    for (let minute = 14; minute <= 20; minute += 2) await idleRun(minute);
    expect(await proxmoxStatus(watched.vmid!)).toBe("running");
    for (let minute = 22; minute <= 24; minute += 2) await idleRun(minute);
    expect(await proxmoxStatus(watched.vmid!)).toBe("stopped");
  });

  it("leaves busy VMs running, and does nothing while the setting is off", async () => {
    const busy = await simVm("idle-busy", true);
    await readResourcesAfresh();
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    const idleRun = (minute: number) => {
      vi.setSystemTime(t0 + minute * MINUTE);
      return stopIdleVms({ now: new Date(t0 + minute * MINUTE) });
    };
    for (let minute = 0; minute <= 12; minute += 2) await idleRun(minute);
    expect(await proxmoxStatus(busy.vmid!)).toBe("running");
    // The simulator's guests use 2-14 % CPU: under a 1 % threshold none is idle.
    await setSetting("idle.stop", { enabled: true, minutes: 10, cpuPercent: 1, networkKibps: 100 }, null);
    for (let minute = 14; minute <= 28; minute += 2) await idleRun(minute);
    expect(await proxmoxStatus(busy.vmid!)).toBe("running");
  });
});

describe("the end of term", () => {
  it("stops the class's VMs, ends their leases at the end date, tells the teacher once, and the lease rules delete them after the grace", async () => {
    const template = await approveDebianTemplate();
    const endsAt = new Date(Date.now() - MINUTE);
    const [cohort] = await getDb()
      .insert(cohorts)
      .values({
        name: "Security 201",
        slug: "sec201",
        teacherId: teacher.id,
        templateId: template.id,
        cores: 1,
        memoryMb: 1024,
        diskGb: 8,
        endsAt,
      })
      .returning();
    const first = await simVm("sec201-sam", true, {
      cohortId: cohort!.id,
      leaseExpiresAt: new Date(Date.now() + 90 * 24 * 60 * MINUTE),
    });
    const second = await simVm("sec201-sam2", false, { cohortId: cohort!.id });
    // A lease that ends before the term keeps its own end.
    const shortLease = new Date(endsAt.getTime() - 2 * 24 * 60 * MINUTE);
    const early = await simVm("sec201-sam4", false, { cohortId: cohort!.id, leaseExpiresAt: shortLease });
    // An admin keeps this one past the term, for grading: stopped, not deleted.
    const kept = await simVm("sec201-sam3", true, { cohortId: cohort!.id, leaseExempt: true });
    await getDb()
      .insert(cohortSeats)
      .values([
        { cohortId: cohort!.id, userId: student.id, source: "csv", state: "ready", vmId: first.id },
        {
          cohortId: cohort!.id,
          inviteEmail: "kim@test.invalid",
          source: "csv",
          state: "ready",
          vmId: second.id,
        },
        {
          cohortId: cohort!.id,
          inviteEmail: "lee@test.invalid",
          source: "csv",
          state: "ready",
          vmId: kept.id,
        },
        {
          cohortId: cohort!.id,
          inviteEmail: "max@test.invalid",
          source: "csv",
          state: "ready",
          vmId: early.id,
        },
      ]);

    expect(await endTerms()).toEqual(["Security 201"]);
    expect(await endTerms()).toEqual([]);
    expect(await proxmoxStatus(first.vmid!)).toBe("stopped");
    expect(await getVmById({ id: first.id })).toMatchObject({
      state: "stopped",
      leaseExpiresAt: endsAt,
      leaseStoppedAt: expect.any(Date),
    });
    expect(await getVmById({ id: second.id })).toMatchObject({ leaseExpiresAt: endsAt });
    expect(await getVmById({ id: early.id })).toMatchObject({
      leaseExpiresAt: shortLease,
      leaseExempt: false,
    });
    const [ended] = await getDb().select().from(cohorts).where(eq(cohorts.id, cohort!.id));
    expect(ended?.endedAt).toBeInstanceOf(Date);
    const digests = (await listMail({ userId: teacher.id })).filter((mail) => mail.kind === "term-digest");
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toBe("Security 201: the term has ended");
    expect(digests[0]?.text).toContain("sam: sec201-sam — shut down");
    expect(digests[0]?.text).toContain("kim@test.invalid: sec201-sam2 — was already stopped");
    expect(digests[0]?.text).toContain(
      "lee@test.invalid: sec201-sam3 — shut down; kept, as an admin exempted it from the lease rules",
    );
    expect(await proxmoxStatus(kept.vmid!)).toBe("stopped");

    const afterGrace = new Date(endsAt.getTime() + 8 * 24 * 60 * MINUTE);
    await sweepLeases({ now: afterGrace });
    expect(await getVmById({ id: first.id })).toMatchObject({ state: "deleted" });
    expect(await getVmById({ id: kept.id })).toMatchObject({ state: "stopped", leaseExempt: true });
  });
});
