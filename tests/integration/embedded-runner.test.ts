import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { listJobSteps, saveJobStep } from "@/db/queries/job-queue";
import { cancelQueuedJob, getJob, retryFailedJob } from "@/db/queries/jobs";
import { jobs } from "@/db/schema";
import { defineEvent, defineJob } from "@/lib/jobs/define-job";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { enqueue, JobPayloadError } from "@/lib/jobs/enqueue";
import { NonRetriableError } from "@/lib/jobs/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { gate, waitFor } from "../helpers/wait-for";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const noWait = () => 0;

async function onlyJobId(result: Awaited<ReturnType<typeof enqueue>>): Promise<string> {
  if (result.runner !== "embedded") throw new Error("tests run the embedded runner");
  expect(result.jobIds).toHaveLength(1);
  return result.jobIds[0]!;
}

async function stepIds(jobId: string) {
  return (await listJobSteps({ jobId })).map((step) => step.stepId);
}

describe(`the embedded job runner (${driver})`, () => {
  it("runs a multi-step job once through, keeping its progress and result", async () => {
    const requested = defineEvent("app/test.report-requested", z.object({ label: z.string() }));
    const calls = { fetch: 0, render: 0 };
    const job = defineJob({
      id: "test-report",
      description: "A two-step test job",
      trigger: { event: requested },
      async handler({ event, step, progress, attempt }) {
        const rows = await step.run("fetch", () => {
          calls.fetch += 1;
          return [1, 2, 3];
        });
        await progress({ percent: 50, message: "Fetched the rows" });
        const total = await step.run("render", () => {
          calls.render += 1;
          return rows.reduce((sum, n) => sum + n, 0);
        });
        return { label: event.data.label, total, attempt };
      },
    });
    const runner = createEmbeddedRunner({ jobs: [job] });
    const jobId = await onlyJobId(await enqueue(requested, { label: "weekly" }));
    expect(await getJob({ id: jobId })).toMatchObject({
      state: "queued",
      attempts: 0,
      functionId: "test-report",
    });

    expect(await runner.runUntilIdle()).toBe(1);

    const done = await getJob({ id: jobId });
    expect(done).toMatchObject({
      state: "succeeded",
      attempts: 1,
      result: { label: "weekly", total: 6, attempt: 1 },
      progressPercent: 50,
      progressMessage: "Fetched the rows",
      error: null,
      lockedBy: null,
    });
    expect(done!.startedAt).toBeInstanceOf(Date);
    expect(done!.finishedAt!.getTime()).toBeGreaterThanOrEqual(done!.startedAt!.getTime());
    expect(await stepIds(jobId)).toEqual(["fetch", "render"]);
    expect(calls).toEqual({ fetch: 1, render: 1 });
  });

  it("retries a failing step without redoing the steps before it, then fails with the error in plain words", async () => {
    const requested = defineEvent("app/test.flaky-requested", z.object({}));
    const calls = { prepare: 0, flaky: 0 };
    const job = defineJob({
      id: "test-always-failing",
      description: "A step that always throws",
      trigger: { event: requested },
      retries: 2,
      async handler({ step }) {
        await step.run("prepare", () => {
          calls.prepare += 1;
        });
        await step.run("call-proxmox", () => {
          calls.flaky += 1;
          throw new Error("Proxmox answered 500: storage local-lvm is full");
        });
      },
    });
    const runner = createEmbeddedRunner({ jobs: [job], backoff: noWait });
    const jobId = await onlyJobId(await enqueue(requested, {}));

    expect(await runner.runUntilIdle()).toBe(3);

    expect(await getJob({ id: jobId })).toMatchObject({
      state: "failed",
      attempts: 3,
      maxAttempts: 3,
      error: 'Step "call-proxmox" failed: Proxmox answered 500: storage local-lvm is full',
    });
    expect(calls).toEqual({ prepare: 1, flaky: 3 });
  });

  it("waits its back-off before the next attempt, and succeeds when the step recovers", async () => {
    const requested = defineEvent("app/test.recovering-requested", z.object({}));
    let failuresLeft = 1;
    const job = defineJob({
      id: "test-recovering",
      description: "Fails once, then works",
      trigger: { event: requested },
      async handler({ step }) {
        return step.run("call", () => {
          if (failuresLeft-- > 0) throw new Error("connection reset");
          return "ok";
        });
      },
    });
    let now = new Date();
    const runner = createEmbeddedRunner({ jobs: [job], clock: () => now, backoff: () => 30_000 });
    const jobId = await onlyJobId(await enqueue(requested, {}));
    now = new Date();

    expect(await runner.runUntilIdle()).toBe(1);
    const waiting = await getJob({ id: jobId });
    expect(waiting).toMatchObject({
      state: "queued",
      attempts: 1,
      error: 'Step "call" failed: connection reset',
    });
    expect(waiting!.runAfter.getTime()).toBe(now.getTime() + 30_000);

    now = new Date(now.getTime() + 29_000);
    expect(await runner.runUntilIdle()).toBe(0);
    now = new Date(now.getTime() + 1_000);
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await getJob({ id: jobId })).toMatchObject({
      state: "succeeded",
      attempts: 2,
      result: "ok",
      error: null,
    });
  });

  it("fails at once on a NonRetriableError, whatever attempts are left", async () => {
    const requested = defineEvent("app/test.hopeless-requested", z.object({ templateId: z.string() }));
    const job = defineJob({
      id: "test-hopeless",
      description: "Meets an error no retry can fix",
      trigger: { event: requested },
      retries: 5,
      async handler({ event, step }) {
        await step.run("load-template", () => {
          throw new NonRetriableError(`Template ${event.data.templateId} no longer exists.`);
        });
      },
    });
    const runner = createEmbeddedRunner({ jobs: [job], backoff: noWait });
    const jobId = await onlyJobId(await enqueue(requested, { templateId: "debian-12" }));

    expect(await runner.runUntilIdle()).toBe(1);
    expect(await getJob({ id: jobId })).toMatchObject({
      state: "failed",
      attempts: 1,
      error: 'Step "load-template" failed: Template debian-12 no longer exists.',
    });
  });

  it.each([
    { how: "another runner sees its claim go stale", recoverAllOnStart: false },
    { how: "the only runner restarts (PGlite)", recoverAllOnStart: true },
  ])(
    "resumes a job cut off mid-way when $how, without redoing completed steps",
    async ({ recoverAllOnStart }) => {
      const suffix = recoverAllOnStart ? "restart" : "stale";
      const requested = defineEvent(`app/test.crash-${suffix}-requested`, z.object({}));
      const calls = { first: 0, second: 0 };
      const secondMayFinish = gate();
      const job = defineJob({
        id: `test-crash-${suffix}`,
        description: "Cut off in its second step",
        trigger: { event: requested },
        async handler({ step, attempt }) {
          const first = await step.run("first", () => {
            calls.first += 1;
            return "created";
          });
          const second = await step.run("second", async () => {
            calls.second += 1;
            await secondMayFinish.opened;
            return "started";
          });
          return { first, second, attempt };
        },
      });
      const crashing = createEmbeddedRunner({ jobs: [job], workerId: `crashing-${suffix}` });
      const jobId = await onlyJobId(await enqueue(requested, {}));
      await crashing.start();
      await waitFor("the first step to complete", async () => (await stepIds(jobId)).includes("first"));
      await waitFor("the second step to start", () => calls.second === 1);
      await crashing.stop({ timeoutMs: 20 });
      // The abandoned handler wakes up but writes nothing, as a dead process would.
      secondMayFinish.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await getJob({ id: jobId })).toMatchObject({ state: "running", lockedBy: `crashing-${suffix}` });
      expect(await stepIds(jobId)).toEqual(["first"]);

      let minutesLater = 0;
      const clock = () => new Date(Date.now() + minutesLater * 60_000);
      const successor = createEmbeddedRunner({ jobs: [job], recoverAllOnStart, clock, staleAfterMs: 60_000 });
      if (recoverAllOnStart) {
        await successor.start();
        await waitFor("the job to finish", async () => (await getJob({ id: jobId }))?.state === "succeeded");
        await successor.stop();
      } else {
        expect(await successor.runUntilIdle()).toBe(0);
        minutesLater = 2;
        expect(await successor.runUntilIdle()).toBe(1);
      }

      expect(await getJob({ id: jobId })).toMatchObject({
        state: "succeeded",
        attempts: 2,
        result: { first: "created", second: "started", attempt: 2 },
      });
      expect(calls.first).toBe(1);
      expect(await stepIds(jobId)).toEqual(["first", "second"]);
    },
  );

  it("never lets two runners run the same job, even when they claim at the same moment", async () => {
    const requested = defineEvent("app/test.parallel-requested", z.object({ n: z.number() }));
    const runs: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const job = defineJob({
      id: "test-parallel",
      description: "Records each run",
      trigger: { event: requested },
      async handler({ runId, step }) {
        runs.push(runId);
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await step.run("work", () => new Promise((resolve) => setTimeout(resolve, 5)));
        inFlight -= 1;
      },
    });
    const first = createEmbeddedRunner({ jobs: [job], concurrency: 4 });
    const second = createEmbeddedRunner({ jobs: [job], concurrency: 4 });
    const jobIds: string[] = [];
    for (let n = 0; n < 24; n++) jobIds.push(await onlyJobId(await enqueue(requested, { n })));

    const [a, b] = await Promise.all([first.runUntilIdle(), second.runUntilIdle()]);

    expect(a + b).toBe(24);
    expect(runs.toSorted()).toEqual(jobIds.toSorted());
    expect(mostInFlight).toBeGreaterThan(1);
    const rows = await database.db.select().from(jobs).where(eq(jobs.functionId, "test-parallel"));
    expect(rows.every((row) => row.state === "succeeded" && row.attempts === 1)).toBe(true);
  });

  it("starts the work once when the same idempotency key is sent twice, and refuses a bad payload", async () => {
    const requested = defineEvent("app/test.dedupe-requested", z.object({ vmId: z.uuid() }));
    const job = defineJob({
      id: "test-dedupe",
      description: "Runs once per key",
      trigger: { event: requested },
      async handler() {},
    });
    createEmbeddedRunner({ jobs: [job] });
    const vmId = crypto.randomUUID();

    const first = await enqueue(requested, { vmId }, { idempotencyKey: `provision:${vmId}` });
    const again = await enqueue(requested, { vmId }, { idempotencyKey: `provision:${vmId}` });
    const other = await enqueue(requested, { vmId }, { idempotencyKey: `provision:${vmId}:2` });

    expect(first).toMatchObject({ runner: "embedded", duplicate: false });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(other).toMatchObject({ duplicate: false });
    expect(await onlyJobId(other)).not.toBe(await onlyJobId(first));
    const before = await database.db.select().from(jobs).where(eq(jobs.functionId, "test-dedupe"));
    expect(before).toHaveLength(2);

    await expect(enqueue(requested, { vmId: "not-a-uuid" })).rejects.toThrow(JobPayloadError);
    await expect(enqueue(requested, { vmId: "not-a-uuid" })).rejects.toThrow(
      /"app\/test.dedupe-requested" event was not sent; its payload is not valid: vmId: /,
    );
    const after = await database.db.select().from(jobs).where(eq(jobs.functionId, "test-dedupe"));
    expect(after).toHaveLength(2);
  });

  it("fires a cron job once per period, once across runners, and once after downtime", async () => {
    let ran = 0;
    const job = defineJob({
      id: "test-hourly",
      description: "Counts its runs",
      trigger: { cron: "TZ=UTC 0 * * * *" },
      async handler({ event }) {
        ran += 1;
        return event.name;
      },
    });
    let now = new Date("2031-03-04T10:15:00Z");
    const clock = () => now;
    const first = createEmbeddedRunner({ jobs: [job], clock });
    const second = createEmbeddedRunner({ jobs: [job], clock });
    const cronJobs = () => database.db.select().from(jobs).where(eq(jobs.functionId, "test-hourly"));

    expect(await first.runUntilIdle()).toBe(0);
    now = new Date("2031-03-04T10:59:59Z");
    expect(await first.runUntilIdle()).toBe(0);

    now = new Date("2031-03-04T11:00:30Z");
    const [a, b] = await Promise.all([first.runUntilIdle(), second.runUntilIdle()]);
    expect(a + b).toBe(1);
    now = new Date("2031-03-04T11:40:00Z");
    expect(await first.runUntilIdle()).toBe(0);
    expect(await cronJobs()).toHaveLength(1);
    expect((await cronJobs())[0]).toMatchObject({ state: "succeeded", result: "inngest/scheduled.timer" });

    // Down from 11:40 until 15:20: the 12, 13, 14 and 15 o'clock runs collapse into one.
    now = new Date("2031-03-04T15:20:00Z");
    expect(await first.runUntilIdle()).toBe(1);
    expect(await second.runUntilIdle()).toBe(0);
    now = new Date("2031-03-04T16:00:00Z");
    expect(await second.runUntilIdle()).toBe(1);
    expect(ran).toBe(3);
    expect(await cronJobs()).toHaveLength(3);
  });

  it("sleeps durably: the job waits its time without holding an attempt, then carries on", async () => {
    const requested = defineEvent("app/test.sleepy-requested", z.object({}));
    const calls = { before: 0, after: 0 };
    const job = defineJob({
      id: "test-sleepy",
      description: "Sleeps an hour between steps",
      trigger: { event: requested },
      async handler({ step }) {
        await step.run("before", () => {
          calls.before += 1;
        });
        await step.sleep("wait-an-hour", 3_600_000);
        await step.run("after", () => {
          calls.after += 1;
        });
      },
    });
    let now = new Date();
    const runner = createEmbeddedRunner({ jobs: [job], clock: () => now });
    const jobId = await onlyJobId(await enqueue(requested, {}));
    now = new Date();

    expect(await runner.runUntilIdle()).toBe(1);
    const sleeping = await getJob({ id: jobId });
    expect(sleeping).toMatchObject({ state: "queued", attempts: 0 });
    expect(sleeping!.runAfter.getTime()).toBe(now.getTime() + 3_600_000);

    now = new Date(now.getTime() + 3_600_000);
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await getJob({ id: jobId })).toMatchObject({ state: "succeeded", attempts: 1 });
    expect(calls).toEqual({ before: 1, after: 1 });
    expect(await stepIds(jobId)).toEqual(["before", "wait-an-hour", "after"]);
  });

  it("never runs a cancelled job, and a retried job carries on after its last completed step", async () => {
    const requested = defineEvent("app/test.admin-requested", z.object({}));
    const calls = { first: 0, second: 0 };
    let secondWorks = false;
    const job = defineJob({
      id: "test-admin-controls",
      description: "Fails until an admin fixes things",
      trigger: { event: requested },
      retries: 0,
      async handler({ step }) {
        await step.run("first", () => {
          calls.first += 1;
        });
        await step.run("second", () => {
          calls.second += 1;
          if (!secondWorks) throw new Error("the node is offline");
        });
      },
    });
    const runner = createEmbeddedRunner({ jobs: [job] });
    const cancelled = await onlyJobId(await enqueue(requested, {}));
    expect(await cancelQueuedJob({ id: cancelled, now: new Date() })).toMatchObject({ state: "cancelled" });
    expect(await runner.runUntilIdle()).toBe(0);
    expect(calls).toEqual({ first: 0, second: 0 });

    const failing = await onlyJobId(await enqueue(requested, {}));
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await getJob({ id: failing })).toMatchObject({
      state: "failed",
      error: expect.stringContaining("offline"),
    });
    expect(await cancelQueuedJob({ id: failing, now: new Date() })).toBeNull();
    expect(await retryFailedJob({ id: cancelled, now: new Date() })).toBeNull();

    secondWorks = true;
    expect(await retryFailedJob({ id: failing, now: new Date() })).toMatchObject({
      state: "queued",
      attempts: 0,
    });
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await getJob({ id: failing })).toMatchObject({ state: "succeeded", attempts: 1, error: null });
    expect(calls).toEqual({ first: 1, second: 2 });
  });

  it("stops cleanly: stop() waits for a running job to finish", async () => {
    const requested = defineEvent("app/test.slow-requested", z.object({}));
    const job = defineJob({
      id: "test-slow",
      description: "Takes a moment",
      trigger: { event: requested },
      async handler({ step }) {
        await step.run("slow", () => new Promise((resolve) => setTimeout(resolve, 150)));
        return "finished";
      },
    });
    const runner = createEmbeddedRunner({ jobs: [job] });
    const jobId = await onlyJobId(await enqueue(requested, {}));
    await runner.start();
    await waitFor("the job to start", async () => (await getJob({ id: jobId }))?.state === "running");

    await runner.stop({ timeoutMs: 5_000 });

    expect(await getJob({ id: jobId })).toMatchObject({ state: "succeeded", result: "finished" });
  });
});

describe(`a step's saved output (${driver})`, () => {
  it("is kept only while the worker still holds the job, and once", async () => {
    const [job] = await database.db
      .insert(jobs)
      .values({
        functionId: "test-held",
        eventName: "app/test.held",
        payload: {},
        state: "running",
        lockedBy: "a",
        maxAttempts: 1,
      })
      .returning();
    const at = new Date("2026-12-02T10:00:00Z");
    const save = (workerId: string, output: unknown) =>
      saveJobStep({ jobId: job!.id, workerId, stepId: "one", output, now: at });

    expect(await save("b", { by: "b" })).toBe(false);
    expect(await listJobSteps({ jobId: job!.id })).toEqual([]);
    expect(await save("a", { by: "a" })).toBe(true);
    expect(await save("a", { by: "a, again" })).toBe(true);
    expect(await listJobSteps({ jobId: job!.id })).toMatchObject([{ stepId: "one", output: { by: "a" } }]);
    expect(await getJob({ id: job!.id })).toMatchObject({ lockedAt: at, updatedAt: at });
    expect(
      await saveJobStep({ jobId: job!.id, workerId: "a", stepId: "none", output: undefined, now: at }),
    ).toBe(true);
    expect(
      (await listJobSteps({ jobId: job!.id })).find((step) => step.stepId === "none")?.output,
    ).toBeNull();

    await database.db.update(jobs).set({ state: "succeeded" }).where(eq(jobs.id, job!.id));
    expect(await save("a", { by: "a, after" })).toBe(false);
  });
});

describe("the portal's own runner", () => {
  it("starts once per process however often it is asked, and stops", async () => {
    const { startEmbeddedRunner, stopEmbeddedRunner } = await import("@/lib/jobs/start-embedded-runner");
    const [first, second] = await Promise.all([startEmbeddedRunner(), startEmbeddedRunner()]);
    expect(second).toBe(first);
    expect(await startEmbeddedRunner()).toBe(first);
    await stopEmbeddedRunner();
    const fresh = await startEmbeddedRunner();
    expect(fresh).not.toBe(first);
    await stopEmbeddedRunner();
  });
});
