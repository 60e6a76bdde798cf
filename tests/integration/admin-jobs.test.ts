import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/db/queries/audit";
import { insertJob } from "@/db/queries/job-queue";
import { getJob } from "@/db/queries/jobs";
import type { JobState } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";

let database: TestDatabase;
let admin: TestUser & { token: string };
let auditor: TestUser & { token: string };

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createUserWithSession("ada", "admin");
  auditor = await createUserWithSession("otto", "auditor");
});
afterAll(() => database.drop());

async function jobIn(state: JobState, error: string | null = null) {
  const { job } = await insertJob({
    job: {
      functionId: "provision-vm",
      eventName: "app/vm.provision-requested",
      maxAttempts: 4,
      state,
      attempts: 4,
      error,
    },
  });
  return job.id;
}

describe("the admin's job controls", () => {
  it("an admin retries a failed job: it gets fresh attempts, and the retry is audited", async () => {
    const { retryJobAction } = await import("@/app/(portal)/admin/jobs/actions");
    const jobId = await jobIn("failed", 'Step "clone" failed: storage is full');
    actAs(admin);

    expect(await retryJobAction({ jobId })).toEqual({ ok: true, data: { state: "queued" } });

    expect(await getJob({ id: jobId })).toMatchObject({ state: "queued", attempts: 0, error: null });
    const [event] = await listAuditEvents({ action: "job.retry", targetId: jobId });
    expect(event).toMatchObject({
      actorLabel: "ada",
      result: "success",
      detail: { function: "provision-vm" },
    });
  });

  it("an admin cancels a queued job, and the cancellation is audited", async () => {
    const { cancelJobAction } = await import("@/app/(portal)/admin/jobs/actions");
    const jobId = await jobIn("queued");
    actAs(admin);

    expect(await cancelJobAction({ jobId })).toEqual({ ok: true, data: { state: "cancelled" } });

    expect(await getJob({ id: jobId })).toMatchObject({ state: "cancelled" });
    expect(await listAuditEvents({ action: "job.cancel", targetId: jobId })).toHaveLength(1);
  });

  it("refuses to retry a job that did not fail or to cancel one that is running, saying why", async () => {
    const { cancelJobAction, retryJobAction } = await import("@/app/(portal)/admin/jobs/actions");
    const succeeded = await jobIn("succeeded");
    const running = await jobIn("running");
    actAs(admin);

    expect(await retryJobAction({ jobId: succeeded })).toEqual({
      ok: false,
      status: 409,
      error: "Only failed jobs can be changed this way; this one is succeeded.",
    });
    expect(await cancelJobAction({ jobId: running })).toMatchObject({ ok: false, status: 409 });
    expect(await cancelJobAction({ jobId: crypto.randomUUID() })).toMatchObject({ ok: false, status: 404 });
    expect(await cancelJobAction({ jobId: "seven" })).toMatchObject({ ok: false, status: 400 });
    expect(await getJob({ id: running })).toMatchObject({ state: "running" });
  });

  it("an auditor can look but changes nothing", async () => {
    const { retryJobAction } = await import("@/app/(portal)/admin/jobs/actions");
    const jobId = await jobIn("failed", "boom");
    actAs(auditor);

    expect(await retryJobAction({ jobId })).toMatchObject({ ok: false, status: 403 });
    expect(await getJob({ id: jobId })).toMatchObject({ state: "failed", error: "boom" });
  });
});
