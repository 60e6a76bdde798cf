import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { deleteCronSchedulesExcept, listCronSchedules, saveCronSchedule } from "@/db/queries/cron-schedules";
import { insertJob } from "@/db/queries/job-queue";
import { getJob } from "@/db/queries/jobs";
import { listMail } from "@/db/queries/mail";
import { approvalRequests, jobs } from "@/db/schema";
import { createInngestFunction } from "@/inngest/create-function";
import { functions } from "@/inngest/index";
import { defineEvent, defineJob } from "@/lib/jobs/define-job";
import { NonRetriableError } from "@/lib/jobs/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const cronEvent = [{ name: "inngest/scheduled.timer", data: {} }] as [{ name: string; data: object }];
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

async function addFinishedJob(state: "succeeded" | "failed" | "cancelled", finishedAt: Date) {
  const { job } = await insertJob({
    job: { functionId: "test-old", eventName: "app/test.old", maxAttempts: 1, state, finishedAt },
  });
  return job.id;
}

const served = (id: string) => functions.find((fn) => fn.opts.id === id)!;
const jobsHousekeepingFunction = served("jobs-housekeeping");
const leaseSweepFunction = served("lease-sweep");

describe("Inngest functions", () => {
  it("runs one batch of a class at a time across replicas, by Inngest's concurrency key", () => {
    expect(served("provision-cohort").opts.concurrency).toEqual([{ key: "event.data.cohortId", limit: 1 }]);
    expect(served("lease-sweep").opts.concurrency).toBeUndefined();
    expect(() =>
      defineJob({
        id: "bad-key",
        description: "",
        trigger: { event: defineEvent("app/bad.key", z.object({})) },
        onePerEventField: "data.id; drop",
        handler: async () => null,
      }),
    ).toThrow(/onePerEventField must name a payload field/);
  });

  it("jobs-housekeeping runs hourly and deletes old finished jobs and removed schedules, keeping failures", async () => {
    expect(jobsHousekeepingFunction.opts.triggers).toEqual([{ cron: "TZ=UTC 0 * * * *" }]);
    const oldSuccess = await addFinishedJob("succeeded", daysAgo(31));
    const oldCancelled = await addFinishedJob("cancelled", daysAgo(45));
    const oldFailure = await addFinishedJob("failed", daysAgo(90));
    const recentSuccess = await addFinishedJob("succeeded", daysAgo(29));
    const now = new Date();
    await saveCronSchedule({
      functionId: "jobs-housekeeping",
      cron: "TZ=UTC 0 * * * *",
      nextRunAt: now,
      now,
    });
    await saveCronSchedule({ functionId: "nightly-report", cron: "0 3 * * *", nextRunAt: now, now });
    const requester = await createUserWithSession("rhea", "member");
    const approved = (decidedAt: Date) => ({
      kind: "vm" as const,
      requesterId: requester.id,
      payload: { name: "big", sealedPassword: "v1:sealed:unseen" },
      reason: "a course",
      state: "approved" as const,
      decidedAt,
    });
    const [unclaimed, waiting] = await database.db
      .insert(approvalRequests)
      .values([approved(daysAgo(8)), approved(daysAgo(6))])
      .returning();

    const t = new InngestTestEngine({ function: jobsHousekeepingFunction, events: cronEvent });
    const { result, error, ctx } = await t.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ deletedJobs: 2, deletedSchedules: 1, droppedPasswords: 1 });
    const payloads = new Map(
      (await database.db.select().from(approvalRequests)).map((row) => [row.id, row.payload]),
    );
    expect(payloads.get(unclaimed!.id)).toEqual({ name: "big" });
    expect(payloads.get(waiting!.id)).toEqual({ name: "big", sealedPassword: "v1:sealed:unseen" });
    expect(ctx.step.run).toHaveBeenCalledWith("delete-old-jobs", expect.any(Function));
    expect(await getJob({ id: oldSuccess })).toBeNull();
    expect(await getJob({ id: oldCancelled })).toBeNull();
    expect(await getJob({ id: oldFailure })).not.toBeNull();
    expect(await getJob({ id: recentSuccess })).not.toBeNull();
    expect((await listCronSchedules()).map((s) => s.functionId)).toEqual(["jobs-housekeeping"]);
    await deleteCronSchedulesExcept({ functionIds: [] });
    await database.db.delete(jobs);
  });
});

describe("the lease sweep as an Inngest function", () => {
  it("runs hourly, sweeps in one memoized step, then delivers mail", async () => {
    expect(leaseSweepFunction.opts.triggers).toEqual([{ cron: "TZ=UTC 7 * * * *" }]);
    await createTestCluster();
    const owner = await createUserWithSession("ines", "member");
    await createTestVm({
      ownerId: owner.id,
      name: "ending",
      leaseExpiresAt: new Date(Date.now() + 2 * 24 * 60 * 60 * 1000),
    });
    const t = new InngestTestEngine({ function: leaseSweepFunction, events: cronEvent });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ reminded: 1, stopped: 0, deleted: 0, errors: [] });
    expect(ctx.step.run).toHaveBeenCalledWith("sweep", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("deliver-mail", expect.any(Function));
    expect((await listMail({ userId: owner.id })).map((mail) => mail.subject)).toEqual([
      "ending expires in 2 days",
    ]);
  });
});

describe("a job definition made into an Inngest function", () => {
  const requested = defineEvent("app/test.inngest-requested", z.object({ vmName: z.string() }));
  const calls = { reserve: 0, create: 0 };
  const job = defineJob({
    id: "test-inngest-provision",
    description: "Three steps and a sleep",
    trigger: { event: requested },
    retries: 4,
    async handler({ event, step, attempt, progress }) {
      const ip = await step.run("reserve-address", () => {
        calls.reserve += 1;
        return "10.0.0.5";
      });
      await progress({ percent: 40, message: "Address reserved" });
      await step.sleep("let-dhcp-settle", 5_000);
      const vmid = await step.run("create-vm", () => {
        calls.create += 1;
        if (event.data.vmName === "forbidden") throw new NonRetriableError("That name is reserved.");
        return 101;
      });
      return { ip, vmid, name: event.data.vmName, attempt };
    },
  });
  const fn = createInngestFunction(job);

  it("keeps the id, retries and the typed event trigger", () => {
    expect(fn.opts).toMatchObject({ id: "test-inngest-provision", retries: 4 });
    expect(fn.opts.triggers).toEqual([expect.objectContaining({ event: "app/test.inngest-requested" })]);
  });

  it("runs the same handler through Inngest's steps, sleep included", async () => {
    calls.reserve = 0;
    calls.create = 0;
    const t = new InngestTestEngine({
      function: fn,
      events: [{ name: "app/test.inngest-requested", data: { vmName: "web-1" } }],
      // A sleep has to be given as done, or the test engine waits for it like Inngest would.
      steps: [
        { id: "reserve-address", handler: () => "10.9.9.9" },
        { id: "let-dhcp-settle", handler: () => null },
      ],
    });
    const { result, error, ctx } = await t.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ ip: "10.9.9.9", vmid: 101, name: "web-1", attempt: 1 });
    expect(calls).toEqual({ reserve: 0, create: 1 });
    expect(ctx.step.sleep).toHaveBeenCalledWith("let-dhcp-settle", 5_000);
    expect(ctx.step.run).toHaveBeenCalledWith("create-vm", expect.any(Function));
  });

  it("fails the run with the handler's error when a step throws a NonRetriableError", async () => {
    const t = new InngestTestEngine({
      function: fn,
      events: [{ name: "app/test.inngest-requested", data: { vmName: "forbidden" } }],
      steps: [{ id: "let-dhcp-settle", handler: () => null }],
    });
    const { error } = await t.execute();
    expect(error).toMatchObject({ name: "NonRetriableError", message: "That name is reserved." });
  });
});

describe("the /api/inngest endpoint", () => {
  it("answers 404 with a clear message while jobs run inside the portal", async () => {
    const { GET, PUT } = await import("@/app/api/inngest/route");
    for (const handler of [GET, PUT]) {
      const response = await handler(
        new Request("http://localhost/api/inngest") as Parameters<typeof GET>[0],
        undefined,
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: expect.stringContaining("INNGEST_SIGNING_KEY") });
    }
  });
});
