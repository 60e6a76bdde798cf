import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listSeats } from "@/db/queries/cohorts";
import { listMail } from "@/db/queries/mail";
import { getVmById } from "@/db/queries/vms";
import type { Template } from "@/db/schema";
import { type DemoIdp, startDemoIdp } from "@/demo-idp/server";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { replaceCsvRoster } from "@/lib/cohorts/roster";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { DAY } from "@/lib/leases/lease-dates";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { approveLinkedTemplate, classFootprint, createStudents } from "../helpers/cohorts";
import { type AuthHandlers, signInAs } from "../helpers/oidc-sign-in";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const portal = "http://localhost:3000";
const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });
let idp: DemoIdp;
let handlers: AuthHandlers;
let template: Template;
let teacher: { id: string; role: "admin"; label: string };
const runner = () => createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 });
const inAMonth = () => new Date(Date.now() + 30 * DAY);

beforeAll(async () => {
  idp = await startDemoIdp({ portalUrl: portal });
  process.env.DEMO_IDP_URL = idp.issuer;
  // The real Auth.js and its sign-in events, not the session stand-in the other integration tests use.
  ({ handlers } = await vi.importActual<typeof import("@/auth")>("@/auth"));
  template = await approveLinkedTemplate();
  const user = await createUserWithSession("teacher", "admin");
  teacher = { id: user.id, role: "admin", label: "Teacher" };
});
afterAll(async () => {
  await idp?.close();
});

const base = () => ({ templateId: template.id, cores: 1, memoryMb: 1024, diskGb: 8, endsAt: inAMonth() });

describe("a class's roster", () => {
  it("refuses a CSV with mistakes, naming every bad line, and makes nothing", async () => {
    const attempt = createCohort(
      teacher,
      { ...base(), name: "Broken", roster: "email\nnobody-yet@school.invalid\nnot an address\nx@y\nghost\n" },
      teacher,
    );
    await expect(attempt).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: {
        roster: [
          'line 3: "not an address" is not a username or an e-mail address',
          'line 4: "x@y" is not an e-mail address',
        ],
      },
    });
    await expect(
      createCohort(teacher, { ...base(), name: "Broken", roster: "ghost\n" }, teacher),
    ).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { roster: [expect.stringMatching(/^line 1: nobody with the username ghost/)] },
    });
  });

  it("gives a student who joins the group a VM at their sign-in", async () => {
    const { cohort, seats } = await createCohort(
      teacher,
      { ...base(), name: "Robotics class", slug: "robo", rosterGroup: "lab-robotics" },
      teacher,
    );
    expect(seats).toEqual([]);
    const aliceId = await signInAs({ handlers, portal, issuer: idp.issuer }, "alice");
    const [seat] = (await listSeats({ cohortId: cohort.id })).map((row) => row.seat);
    expect(seat).toMatchObject({ userId: aliceId, source: "group", state: "queued" });
    await runner().runUntilIdle();
    const [made] = (await listSeats({ cohortId: cohort.id })).map((row) => row.seat);
    expect(made).toMatchObject({ state: "ready" });
    expect(await getVmById({ id: made!.vmId! })).toMatchObject({
      name: "robo-alice",
      ownerId: aliceId,
      state: "running",
      baselineSnapshot: "baseline",
    });
  }, 120_000);

  it("binds an invited address at its first verified sign-in, then makes the VM", async () => {
    const { cohort, seats } = await createCohort(
      teacher,
      { ...base(), name: "Invited", slug: "inv", roster: "bob@demo.roost.invalid\n" },
      teacher,
    );
    expect(seats).toMatchObject([{ inviteEmail: "bob@demo.roost.invalid", userId: null, state: "waiting" }]);
    // The address hears of the class once, however often the roster names it again.
    await replaceCsvRoster(teacher, cohort.id, "bob@demo.roost.invalid\n", teacher);
    const invitations = (await listMail()).filter((mail) => mail.kind === "class-invite");
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      to: "bob@demo.roost.invalid",
      userId: null,
      subject: "teacher added you to the class Invited",
    });
    expect(invitations[0]!.text).toContain(`${portal}/signin`);
    const bobId = await signInAs({ handlers, portal, issuer: idp.issuer }, "bob");
    await runner().runUntilIdle();
    const [seat] = (await listSeats({ cohortId: cohort.id })).map((row) => row.seat);
    expect(seat).toMatchObject({ userId: bobId, state: "ready" });
    expect(await getVmById({ id: seat!.vmId! })).toMatchObject({ name: "inv-bob", state: "running" });
  }, 120_000);

  it("deletes the VM of a student taken off the CSV once the lease's grace has passed", async () => {
    const [kept, dropped] = await createStudents("csv", 2);
    const { cohort } = await createCohort(
      teacher,
      { ...base(), name: "CSV class", slug: "csvc", roster: `${kept!.username}\n${dropped!.username}\n` },
      teacher,
    );
    await runner().runUntilIdle();
    const before = await listSeats({ cohortId: cohort.id });
    const droppedVmId = before.find(({ seat }) => seat.userId === dropped!.id)!.seat.vmId!;
    const keptVmId = before.find(({ seat }) => seat.userId === kept!.id)!.seat.vmId!;

    const removedAt = new Date();
    const { removed, added } = await replaceCsvRoster(
      teacher,
      cohort.id,
      `${kept!.username}\n`,
      teacher,
      removedAt,
    );
    expect(added).toEqual([]);
    expect(removed).toMatchObject([{ userId: dropped!.id, state: "removed" }]);
    expect((await getVmById({ id: droppedVmId }))?.leaseExpiresAt).toEqual(removedAt);

    // Within the grace it is stopped, not deleted; after it, deleted from Proxmox too.
    await sweepLeases({ now: new Date(removedAt.getTime() + 60_000) });
    expect(await getVmById({ id: droppedVmId })).toMatchObject({ state: "stopped" });
    await sweepLeases({ now: new Date(removedAt.getTime() + 8 * DAY) });
    expect(await getVmById({ id: droppedVmId })).toMatchObject({ state: "deleted" });
    expect(await getVmById({ id: keptVmId })).toMatchObject({ state: "running" });
    const { onProxmox } = await classFootprint(cluster.sim.state.vms, "csvc", cohort.id);
    expect(onProxmox.map((vm) => vm.config.name)).toEqual([`csvc-${kept!.username}`]);
  }, 120_000);
});
