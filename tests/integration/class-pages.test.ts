import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actOnSeatsAction, createCohortAction, retrySeatAction } from "@/app/(portal)/cohorts/actions";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listEnabledTemplates } from "@/db/queries/templates";
import { cohortSeats, cohorts, idleWatches, powerSchedules, projectMembers, projects } from "@/db/schema";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// The VMs here are cloned by the test, not by the portal: the guide's grant lets the portal operate them.
const cluster = setUpClusterTestbed({ access: { adoptAnyVm: true } });

async function studentVm(student: TestUser, vmid: number, name: string) {
  const { admin } = cluster;
  await admin.tasks.wait(await admin.qemu.clone("pve1", 9000, { newid: vmid, name, full: false }));
  await admin.tasks.wait(await admin.qemu.createSnapshot("pve1", vmid, "baseline"));
  return createTestVm({
    clusterId: "sim",
    ownerId: student.id,
    name,
    vmid,
    node: "pve1",
    state: "stopped",
    baselineSnapshot: "baseline",
  });
}

async function aClass() {
  const teacher = await createUserWithSession("teacher", "admin");
  const alice = await createUserWithSession("alice", "member");
  const bob = await createUserWithSession("bob", "member");
  const stranger = await createUserWithSession("stranger", "member");
  const auditor = await createUserWithSession("audrey", "auditor");
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
      diskGb: 3,
      endsAt: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning();
  const vms = [await studentVm(alice, 201, "net101-alice"), await studentVm(bob, 202, "net101-bob")];
  await getDb()
    .insert(cohortSeats)
    .values([
      { cohortId: cohort!.id, userId: alice.id, source: "csv", state: "ready", vmId: vms[0]!.id },
      { cohortId: cohort!.id, userId: bob.id, source: "csv", state: "ready", vmId: vms[1]!.id },
    ]);
  return { cohort: cohort!, teacher, alice, stranger, auditor };
}

/** The children of the page's elements with this test id, in order (server components are not rendered). */
function cellsWithTestId(node: unknown, testId: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((child) => cellsWithTestId(child, testId));
  if (!node || typeof node !== "object" || !("props" in node)) return [];
  const props = (node as { props: Record<string, unknown> }).props;
  if (props["data-testid"] === testId) return [props.children];
  return cellsWithTestId(props.children, testId);
}

/** Rendering a page that calls notFound() rejects with Next's 404 digest. */
const notFoundPage = { digest: expect.stringContaining("404") };

describe("a class's teacher's view and its actions", () => {
  it("is not found for students and strangers, read-only for auditors, and acts on every VM for the teacher", async () => {
    const { cohort, teacher, alice, stranger, auditor } = await aClass();
    const { default: CohortPage } = await import("@/app/(portal)/cohorts/[cohortId]/page");
    const page = () => CohortPage({ params: Promise.resolve({ cohortId: cohort.id }) });

    for (const outsider of [alice, stranger]) {
      actAs(outsider);
      await expect(page()).rejects.toMatchObject(notFoundPage);
      expect(await actOnSeatsAction({ cohortId: cohort.id, action: "start" })).toMatchObject({
        ok: false,
        status: 404,
      });
    }
    actAs(auditor);
    await expect(page()).resolves.toBeTruthy();
    expect(await actOnSeatsAction({ cohortId: cohort.id, action: "start" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect((await cluster.client.qemu.status("pve1", 201)).status).toBe("stopped");

    actAs(teacher);
    expect(await actOnSeatsAction({ cohortId: cohort.id, action: "start" })).toEqual({
      ok: true,
      data: { done: ["net101-alice", "net101-bob"], skipped: {} },
    });
    expect((await cluster.client.qemu.status("pve1", 202)).status).toBe("running");

    // Idle stop has seen alice's VM quiet for 25 minutes: the teacher sees it, in words.
    const aliceVm = (await getDb().select().from(cohortSeats).where(eq(cohortSeats.userId, alice.id)))[0]!
      .vmId!;
    await getDb()
      .insert(idleWatches)
      .values({
        vmId: aliceVm,
        sampledAt: new Date(),
        cpu: 0.01,
        netBytes: 0,
        uptime: 1500,
        quietSince: new Date(Date.now() - 25 * 60_000),
        policy: { enabled: true, minutes: 60, cpuPercent: 5, networkKibps: 10 },
      });
    expect(cellsWithTestId(await page(), "seat-quiet")).toEqual(["25 min", "—"]);

    cluster.sim.cluster.writeGuestFile(201, "/home/debian/homework.txt", "half done\n");
    expect(
      await actOnSeatsAction({ cohortId: cohort.id, action: "reset", confirmName: "net101-alice" }),
    ).toMatchObject({ ok: false, status: 400, error: "Type the class's name, Networks 101, to confirm." });
    expect(cluster.sim.cluster.findVm(201)!.files!["/home/debian/homework.txt"]).toBeDefined();
    expect(
      await actOnSeatsAction({ cohortId: cohort.id, action: "reset", confirmName: "Networks 101" }),
    ).toMatchObject({ ok: true, data: { done: ["net101-alice", "net101-bob"] } });
    expect(cluster.sim.cluster.findVm(201)!.files!["/home/debian/homework.txt"]).toBeUndefined();
    expect((await cluster.client.qemu.status("pve1", 201)).status).toBe("running");

    const audited = await listAuditEvents({ targetId: cohort.id });
    expect(audited.map((entry) => entry.action).sort()).toEqual(["cohort.reset_all", "cohort.start_all"]);
  });
});

describe("making a class and retrying a seat", () => {
  it("is for admins and the owners of the project it counts in; bad CSV lines come back by number", async () => {
    const owner = await createUserWithSession("owner", "member");
    const operator = await createUserWithSession("operator", "member");
    await createUserWithSession("carl", "member");
    // The first test approved the template.
    const templateId = (await listEnabledTemplates())[0]!.id;
    const [project] = await getDb()
      .insert(projects)
      .values({
        name: "Lab",
        slug: "lab",
        maxVms: 10,
        maxCores: 10,
        maxMemoryMb: 20_480,
        maxDiskGb: 200,
        maxSnapshots: 20,
        maxBackups: 0,
        maxBackupGb: 0,
      })
      .returning();
    await getDb()
      .insert(projectMembers)
      .values([
        { projectId: project!.id, userId: owner.id, role: "owner", source: "manual" },
        { projectId: project!.id, userId: operator.id, role: "operator", source: "manual" },
      ]);
    const input = {
      name: "Lab class",
      templateId,
      cores: 1,
      memoryMb: 1024,
      diskGb: 10,
      projectId: project!.id,
      ownership: "project" as const,
      roster: "carl\n",
      endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };

    actAs(operator);
    expect(await createCohortAction(input)).toMatchObject({ ok: false, status: 403 });
    actAs(owner);
    expect(await createCohortAction({ ...input, projectId: undefined, ownership: "student" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await createCohortAction({ ...input, roster: "carl\nnot a name\n" })).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringContaining("line 2:"),
    });
    expect(
      await createCohortAction({
        ...input,
        schedule: { slots: [{ days: [1], start: "10:00", end: "09:00" }], allowOutside: false },
      }),
    ).toMatchObject({ ok: false, status: 400 });
    const made = await createCohortAction({
      ...input,
      timeZone: "Europe/Vienna",
      schedule: { slots: [{ days: [1, 3], start: "09:00", end: "12:30" }], allowOutside: false },
    });
    expect(made).toMatchObject({ ok: true, data: { seats: 1 } });
    const cohortId = made.ok ? made.data.id : "";
    expect(
      await getDb().select().from(powerSchedules).where(eq(powerSchedules.cohortId, cohortId)),
    ).toMatchObject([
      {
        timeZone: "Europe/Vienna",
        slots: [{ days: [1, 3], start: "09:00", end: "12:30" }],
        allowOutside: false,
      },
    ]);
    const [seat] = await getDb().select().from(cohortSeats).where(eq(cohortSeats.cohortId, cohortId));

    actAs(operator);
    expect(await retrySeatAction({ cohortId, seatId: seat!.id })).toMatchObject({ ok: false, status: 404 });
    actAs(owner);
    expect(await retrySeatAction({ cohortId, seatId: seat!.id })).toMatchObject({
      ok: false,
      status: 409,
      error: "Only a seat whose VM failed to be made can be retried.",
    });
    await getDb()
      .update(cohortSeats)
      .set({ state: "failed", error: "Proxmox says: can't lock file" })
      .where(eq(cohortSeats.id, seat!.id));
    expect(await retrySeatAction({ cohortId, seatId: seat!.id })).toMatchObject({ ok: true });
    const [retried] = await getDb().select().from(cohortSeats).where(eq(cohortSeats.id, seat!.id));
    expect(retried).toMatchObject({ state: "queued", error: null });
  });
});
