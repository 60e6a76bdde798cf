import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { savePowerTimesAction } from "@/app/(portal)/_schedules/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { insertMember, insertProject, updateProjectRow } from "@/db/queries/projects";
import { quotaColumnsFrom } from "@/db/queries/quotas";
import { cohorts, vms } from "@/db/schema";
import { runScheduleEdges } from "@/lib/schedules/run-schedule-edges";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();
let owner: Awaited<ReturnType<typeof createUserWithSession>>;
let operator: Awaited<ReturnType<typeof createUserWithSession>>;
let stranger: Awaited<ReturnType<typeof createUserWithSession>>;
let tokens: Record<"owner" | "operator" | "stranger", string>;
let nextVmid = 460;

beforeAll(async () => {
  owner = await createUserWithSession("pat-owner", "member");
  operator = await createUserWithSession("oli-operator", "member");
  stranger = await createUserWithSession("sid-stranger", "member");
  tokens = {
    owner: (await createTestApiToken(owner.id, ["manage"])).token,
    operator: (await createTestApiToken(operator.id, ["manage"])).token,
    stranger: (await createTestApiToken(stranger.id, ["manage"])).token,
  };
});
afterEach(async () => {
  actAs(null);
  await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() });
});

async function aProject(slug: string) {
  const project = await insertProject({
    name: `Lab ${slug}`,
    slug,
    ...quotaColumnsFrom({ vms: 5, cores: 8, memoryMb: 8192, diskGb: 100, snapshots: 5 }),
  });
  await insertMember({ projectId: project.id, userId: owner.id, role: "owner", source: "manual" });
  await insertMember({ projectId: project.id, userId: operator.id, role: "operator", source: "manual" });
  return project;
}

/** A stopped VM of the project on the simulator, with its portal record. */
async function projectVm(projectId: string, name: string) {
  const vmid = nextVmid++;
  await cloneMemberVm(cluster.client, { newid: vmid, name });
  return createTestVm({
    clusterId: "sim",
    ownerId: operator.id,
    projectId,
    name,
    vmid,
    node: "pve1",
    state: "stopped",
  });
}

/** An hour-long slot every day that is not on now, so its next edge is a start. */
function aSlotLaterToday() {
  const start = (new Date().getUTCHours() + 2) % 22;
  const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
  return { days: [1, 2, 3, 4, 5, 6, 7], start: clock(start), end: clock(start + 1) };
}

interface ScheduleBody {
  timeZone: string;
  slots: unknown[];
  allowOutside: boolean;
  on: boolean;
  next: { at: string; action: string } | null;
}

describe("a project's power schedule through the API", () => {
  it("is set by the project's owners only, powers the project's VMs at its edges and is removed", async () => {
    const project = await aProject("sched-api");
    const vm = await projectVm(project.id, "sched-api-1");
    const body = { timeZone: "UTC", slots: [aSlotLaterToday()], allowOutside: false };
    const path = `/projects/${project.id}/schedule`;

    expect(await callApiJson(tokens.stranger, "PUT", path, { body })).toMatchObject({ status: 404 });
    expect(await callApiJson(tokens.operator, "PUT", path, { body })).toMatchObject({ status: 403 });
    const badZone = await callApiJson(tokens.owner, "PUT", path, { body: { ...body, timeZone: "CET" } });
    expect(badZone).toMatchObject({
      status: 400,
      body: { errors: { timeZone: [expect.stringContaining("Europe/Berlin")] } },
    });
    const backwards = await callApiJson(tokens.owner, "PUT", path, {
      body: { ...body, slots: [{ days: [1], start: "10:00", end: "09:00" }] },
    });
    expect(backwards).toMatchObject({
      status: 400,
      body: { errors: { "slots.0.end": [expect.stringContaining("ends after")] } },
    });

    const saved = await callApiJson<{ schedule: ScheduleBody; mayChange: boolean }>(
      tokens.owner,
      "PUT",
      path,
      {
        body,
      },
    );
    expect(saved).toMatchObject({
      status: 200,
      body: { schedule: { ...body, on: false, next: { action: "start" } }, mayChange: true },
    });
    // The operator reads it and sees it powers the project's VM, but may not change it.
    expect(await callApiJson(tokens.operator, "GET", path)).toMatchObject({
      status: 200,
      body: { schedule: { timeZone: "UTC" }, mayChange: false },
    });
    expect(await callApiJson(tokens.operator, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      status: 200,
      body: { governing: { source: "project", name: project.name, allowOutside: false }, own: null },
    });

    const start = new Date(saved.body.schedule.next!.at);
    const [started] = await runScheduleEdges({ now: new Date(start.getTime() + 20_000) });
    expect(started).toMatchObject({ action: "start", at: start.toISOString() });
    expect((await cluster.client.qemu.status("pve1", vm.vmid!)).status).toBe("running");

    const audit = await listAuditEvents({ targetId: project.id });
    expect(audit.filter((entry) => entry.action === "schedule.set")).toEqual([
      expect.objectContaining({ actorId: owner.id, detail: expect.objectContaining({ via: "api" }) }),
    ]);

    expect(await callApiJson(tokens.owner, "DELETE", path)).toMatchObject({ status: 204 });
    // Removing what is gone already changes nothing and says so the same way.
    expect(await callApiJson(tokens.owner, "DELETE", path)).toMatchObject({ status: 204 });
    expect(
      (await listAuditEvents({ targetId: project.id })).filter((entry) => entry.action === "schedule.remove"),
    ).toHaveLength(1);
    expect(await callApiJson(tokens.owner, "GET", path)).toMatchObject({ body: { schedule: null } });
  });

  it("refuses changes to an archived project's schedule with a 409", async () => {
    const project = await aProject("sched-archived");
    await updateProjectRow({ id: project.id, archivedAt: new Date() });
    const body = { timeZone: "Europe/Paris", slots: [aSlotLaterToday()], allowOutside: true };
    expect(
      await callApiJson(tokens.owner, "PUT", `/projects/${project.id}/schedule`, { body }),
    ).toMatchObject({
      status: 409,
      body: { detail: `${project.name} is archived; its schedule cannot change.` },
    });
    expect(await callApiJson(tokens.owner, "GET", `/projects/${project.id}/schedule`)).toMatchObject({
      body: { schedule: null, mayChange: false },
    });
  });
});

describe("a VM's own power schedule", () => {
  it("comes before its project's when set on the page, and saving no times hands it back", async () => {
    const project = await aProject("sched-own");
    const vm = await projectVm(project.id, "sched-own-1");
    await callApiJson(tokens.owner, "PUT", `/projects/${project.id}/schedule`, {
      body: { timeZone: "UTC", slots: [aSlotLaterToday()], allowOutside: true },
    });
    const own = { days: [1, 3], start: "08:00", end: "10:30" };

    // An operator of the project runs the VM but does not schedule it; its owner does.
    actAs(operator);
    expect(
      await savePowerTimesAction({
        target: { vmId: vm.id },
        timeZone: "Europe/Berlin",
        schedule: { slots: [own], allowOutside: true },
      }),
    ).toMatchObject({ ok: false, status: 403 });
    actAs(owner);
    expect(
      await savePowerTimesAction({
        target: { vmId: vm.id },
        timeZone: "Europe/Berlin",
        schedule: { slots: [{ ...own, end: "07:00" }], allowOutside: true },
      }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      await savePowerTimesAction({
        target: { vmId: vm.id },
        timeZone: "Europe/Berlin",
        schedule: { slots: [own], allowOutside: false },
      }),
    ).toMatchObject({ ok: true, data: { outcome: "saved" } });
    expect(await callApiJson(tokens.operator, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      body: {
        own: { timeZone: "Europe/Berlin", slots: [own], allowOutside: false },
        governing: { source: "vm", name: "sched-own-1" },
        mayChange: false,
      },
    });

    expect(
      await savePowerTimesAction({
        target: { vmId: vm.id },
        timeZone: "Europe/Berlin",
        schedule: { slots: [], allowOutside: true },
      }),
    ).toMatchObject({ ok: true, data: { outcome: "removed" } });
    expect(await callApiJson(tokens.owner, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      body: { own: null, governing: { source: "project" }, mayChange: true },
    });
    expect(await callApiJson(tokens.owner, "DELETE", `/vms/${vm.id}/schedule`)).toMatchObject({
      status: 204,
    });
  });

  it("is the teacher's to set for a class's VM: its student gets a 403 with the reason", async () => {
    const template = await approveDebianTemplate();
    const [cohort] = await getDb()
      .insert(cohorts)
      .values({
        name: "Shell 101",
        slug: "shell101",
        teacherId: owner.id,
        templateId: template.id,
        cores: 1,
        memoryMb: 1024,
        diskGb: 8,
        endsAt: new Date(Date.now() + 30 * 24 * 3600_000),
      })
      .returning();
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: stranger.id,
      name: "shell101-sid",
      vmid: 470,
      node: "pve1",
      cohortId: cohort!.id,
    });
    const body = { timeZone: "UTC", slots: [aSlotLaterToday()], allowOutside: true };
    expect(await callApiJson(tokens.stranger, "PUT", `/vms/${vm.id}/schedule`, { body })).toMatchObject({
      status: 403,
      body: { detail: "This VM follows its class's times; only the teacher changes them." },
    });
    expect(await callApiJson(tokens.stranger, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      status: 200,
      body: { governing: null, mayChange: false },
    });
    expect(await callApiJson(tokens.operator, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      status: 404,
    });
    // The teacher (a member, owner of nothing here) sets it.
    expect(await callApiJson(tokens.owner, "PUT", `/vms/${vm.id}/schedule`, { body })).toMatchObject({
      status: 200,
      body: { governing: { source: "vm" }, mayChange: true },
    });
    expect(await callApiJson(tokens.stranger, "GET", `/vms/${vm.id}/schedule`)).toMatchObject({
      status: 200,
      body: { governing: { source: "vm", allowOutside: true }, mayChange: false },
    });
  });
});
