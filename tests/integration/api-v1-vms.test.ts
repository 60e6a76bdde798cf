import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { idempotencyKeys, vmEvents } from "@/db/schema";
import { createApiDispatcher } from "@/lib/api/dispatch";
import { requestHashOf } from "@/lib/api/idempotency";
import { apiRoutes } from "@/lib/api/routes";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { allJobs } from "@/lib/jobs/definitions";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { WindowLimiter } from "@/lib/limits/window-limiter";
import { metricsRegistry } from "@/lib/metrics/registry";
import { callApi, callApiJson, createTestApiToken } from "../helpers/api";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 } });

interface Job {
  id: string;
  kind: string;
  state: string;
  vmId: string;
  error?: string;
  links: { self: string };
}

let templateId: string;
let ownerId: string;
let readToken: string;
let manageToken: string;
let manageTokenId: string;

beforeAll(async () => {
  templateId = (await approveDebianTemplate()).id;
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/alpine-virt-3.22.2-x86_64.iso", label: "Alpine 3.22" },
  ]);
  const owner = await createUserWithSession("api-owner", "member");
  ownerId = owner.id;
  readToken = (await createTestApiToken(owner.id, ["read"])).token;
  ({ token: manageToken, id: manageTokenId } = await createTestApiToken(owner.id, ["manage"]));
});

const runJobs = () => createEmbeddedRunner({ jobs: allJobs, pollIntervalMs: 50 }).runUntilIdle();

describe("a VM's life through the API", () => {
  it("is created, followed through its job, powered, snapshotted, resized and deleted", async () => {
    const created = await callApiJson<{
      vm: { id: string; state: string };
      job: Job;
      credentials: { user: string; password: string };
    }>(manageToken, "POST", "/vms", {
      body: { templateId, name: "api-life", cores: 1, memoryMb: 1024, diskGb: 8 },
    });
    expect(created.status).toBe(202);
    expect(created.body.credentials).toEqual({
      user: "debian",
      password: expect.stringMatching(/^\S{12,}$/),
    });
    const { vm, job } = created.body;
    expect(vm.state).toBe("provisioning");
    expect(job).toMatchObject({ kind: "vm.provision", state: "queued", vmId: vm.id });
    expect(created.headers.get("location")).toBe(`/api/v1/jobs/${job.id}`);

    await runJobs();
    expect((await callApiJson<Job>(readToken, "GET", `/jobs/${job.id}`)).body).toMatchObject({
      state: "succeeded",
    });
    expect((await callApiJson(readToken, "GET", `/vms/${vm.id}`)).body).toMatchObject({ state: "running" });

    const stopped = await callApiJson<{ job: Job; state: string }>(
      manageToken,
      "POST",
      `/vms/${vm.id}/power`,
      {
        body: { action: "stop" },
      },
    );
    expect(stopped).toMatchObject({
      status: 202,
      body: { state: "stopped", job: { kind: "vm.power", state: "succeeded" } },
    });
    expect(
      (await callApiJson<Job>(readToken, "GET", stopped.body.job.links.self.replace("/api/v1", ""))).body,
    ).toEqual(stopped.body.job);
    const start = () =>
      callApiJson(manageToken, "POST", `/vms/${vm.id}/power`, { body: { action: "start" } });
    expect(await start()).toMatchObject({ status: 202, body: { state: "running" } });
    expect(await start()).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/running/) } });

    const snap = await callApiJson<{ job: Job }>(manageToken, "POST", `/vms/${vm.id}/snapshots`, {
      body: { name: "clean", description: "fresh install" },
    });
    expect(snap).toMatchObject({ status: 202, body: { job: { kind: "vm.snapshot", state: "succeeded" } } });
    expect((await callApiJson(readToken, "GET", `/vms/${vm.id}/snapshots`)).body).toMatchObject({
      items: [{ name: "clean", description: "fresh install", withMemory: false }],
      nextCursor: null,
    });
    expect((await callApiJson(manageToken, "POST", `/vms/${vm.id}/snapshots/clean/rollback`)).status).toBe(
      202,
    );
    expect((await callApiJson(manageToken, "DELETE", `/vms/${vm.id}/snapshots/clean`)).status).toBe(202);
    expect((await callApiJson(readToken, "GET", `/vms/${vm.id}/snapshots`)).body).toMatchObject({
      items: [],
    });

    const resized = await callApiJson(manageToken, "POST", `/vms/${vm.id}/resize`, {
      body: { cores: 2, memoryMb: 2048, diskGb: 10 },
    });
    expect(resized).toMatchObject({
      status: 202,
      body: { job: { kind: "vm.resize" }, pendingUntilReboot: [] },
    });
    expect((await callApiJson(readToken, "GET", `/vms/${vm.id}`)).body).toMatchObject({
      cores: 2,
      diskGb: 10,
    });
    const shrink = await callApiJson(manageToken, "POST", `/vms/${vm.id}/resize`, {
      body: { cores: 2, memoryMb: 2048, diskGb: 9 },
    });
    expect(shrink).toMatchObject({
      status: 400,
      body: { errors: { diskGb: [expect.stringMatching(/only grow/)] } },
    });

    const renewed = await callApiJson(manageToken, "POST", `/vms/${vm.id}/lease/renew`);
    expect(renewed).toMatchObject({ status: 200, body: { leaseExpiresAt: expect.any(String) } });

    const wrongName = await callApiJson(manageToken, "DELETE", `/vms/${vm.id}`, {
      body: { confirmName: "nope" },
    });
    expect(wrongName).toMatchObject({
      status: 400,
      body: { errors: { confirmName: [expect.stringMatching(/api-life/)] } },
    });
    const deleted = await callApiJson<{ job: Job }>(manageToken, "DELETE", `/vms/${vm.id}`, {
      body: { confirmName: "api-life" },
    });
    expect(deleted).toMatchObject({ status: 202, body: { job: { kind: "vm.delete", state: "succeeded" } } });
    expect((await callApiJson(readToken, "GET", `/vms/${vm.id}`)).status).toBe(404);
    expect((await callApiJson(readToken, "GET", `/jobs/${job.id}`)).body).toMatchObject({
      state: "succeeded",
    });
  });

  it("says why a provisioning job failed, and a retry makes the VM again", async () => {
    const created = await callApiJson<{ vm: { id: string }; job: Job }>(manageToken, "POST", "/vms", {
      body: { templateId, name: "api-flaky", cores: 1, memoryMb: 1024, diskGb: 8 },
    });
    cluster.sim.setFaults({ failTasks: [{ type: "qmclone", message: "clone failed: storage busy" }] });
    await runJobs();
    cluster.sim.setFaults({ failTasks: [] });
    expect((await callApiJson(readToken, "GET", `/jobs/${created.body.job.id}`)).body).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/storage busy/),
    });

    const retried = await callApiJson<{ vm: { id: string }; job: Job; credentials: { password: string } }>(
      manageToken,
      "POST",
      `/vms/${created.body.vm.id}/retry`,
    );
    expect(retried).toMatchObject({ status: 202, body: { job: { kind: "vm.provision" } } });
    await runJobs();
    expect((await callApiJson(readToken, "GET", `/jobs/${retried.body.job.id}`)).body).toMatchObject({
      state: "succeeded",
    });
    expect((await callApiJson(manageToken, "POST", `/vms/${retried.body.vm.id}/retry`)).status).toBe(409);
  });
});

describe("a VM from an installer ISO", () => {
  it("is made with the ISO in its drive; the drive and boot order change through the API", async () => {
    const [iso] = await listEnabledIsos();
    const created = await callApiJson<{ vm: { id: string }; job: Job }>(
      manageToken,
      "POST",
      "/vms/from-iso",
      {
        body: {
          isoId: iso!.id,
          name: "api-iso",
          cores: 1,
          memoryMb: 1024,
          diskGb: 8,
          diskBus: "scsi",
          nicModel: "virtio",
          uefi: false,
        },
      },
    );
    expect(created).toMatchObject({ status: 202, body: { job: { kind: "vm.provision" } } });
    expect(created.body).not.toHaveProperty("credentials");
    await runJobs();
    expect((await callApiJson(readToken, "GET", `/jobs/${created.body.job.id}`)).body).toMatchObject({
      state: "succeeded",
    });
    const vmId = created.body.vm.id;
    expect(
      await callApiJson(manageToken, "PUT", `/vms/${vmId}/boot-order`, { body: { first: "cdrom" } }),
    ).toMatchObject({
      status: 200,
      body: { first: "cdrom" },
    });
    expect(
      await callApiJson(manageToken, "PUT", `/vms/${vmId}/cdrom`, { body: { isoId: null } }),
    ).toMatchObject({
      status: 200,
      body: { isoId: null },
    });
    const bad = await callApiJson(manageToken, "PUT", `/vms/${vmId}/cdrom`, { body: { isoId: "x" } });
    expect(bad).toMatchObject({ status: 400, body: { errors: { isoId: ["Pick an ISO."] } } });
  });
});

describe("problem details", () => {
  it("name each field at fault in a body, and say what is wrong with the request itself", async () => {
    const missing = await callApiJson<{ errors: Record<string, string[]> }>(manageToken, "POST", "/vms", {
      body: { name: 5 },
    });
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(Object.keys(missing.body.errors).sort()).toEqual([
      "cores",
      "diskGb",
      "memoryMb",
      "name",
      "templateId",
    ]);
    expect(missing.body.errors.templateId).toEqual(["Pick a template."]);

    expect(await callApiJson(manageToken, "POST", "/vms", { body: "{not json" })).toMatchObject({
      status: 400,
      body: { type: "/api-docs#problem-invalid", detail: "The request body is not valid JSON." },
    });
    expect(
      await callApiJson(manageToken, "POST", "/vms", {
        body: "a=b",
        headers: { "content-type": "text/plain" },
      }),
    ).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/as JSON/) } });
    expect(
      await callApiJson(manageToken, "POST", "/vms", { body: "x".repeat(1024 * 1024 + 1) }),
    ).toMatchObject({
      status: 413,
    });
    expect(await callApiJson(readToken, "GET", "/vms/not-a-uuid")).toMatchObject({
      status: 400,
      body: { errors: { vmId: ["A VM id is a UUID."] } },
    });
    expect(await callApiJson(readToken, "GET", "/nowhere")).toMatchObject({
      status: 404,
      body: { status: 404 },
    });
    const wrongMethod = await callApi(readToken, "PUT", "/vms");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
  });

  it("answer a template that is not on offer at its field, as the form does", async () => {
    const response = await callApiJson(manageToken, "POST", "/vms", {
      body: { templateId: crypto.randomUUID(), name: "api-none", cores: 1, memoryMb: 1024, diskGb: 8 },
    });
    expect(response).toMatchObject({
      status: 400,
      body: { errors: { templateId: ["That template is not available any more."] } },
    });
  });
});

describe("GET /vms", () => {
  it("lists only the caller's VMs, a page at a time with an opaque cursor", async () => {
    const lister = await createUserWithSession("api-lister", "member");
    const token = (await createTestApiToken(lister.id, ["read"])).token;
    const other = await createUserWithSession("api-other", "member");
    for (const name of ["alpha", "bravo", "charlie"])
      await createTestVm({ ownerId: lister.id, clusterId: "sim", name });
    await createTestVm({ ownerId: other.id, clusterId: "sim", name: "theirs" });
    await createTestVm({ ownerId: lister.id, clusterId: "sim", name: "gone", state: "deleted" });

    type Page = { items: { name: string }[]; nextCursor: string | null };
    const first = await callApiJson<Page>(token, "GET", "/vms?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((vm) => vm.name)).toEqual(["alpha", "bravo"]);
    const second = await callApiJson<Page>(token, "GET", `/vms?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ name: "charlie" }], nextCursor: null });
    expect((await callApiJson<Page>(token, "GET", "/vms")).body.items).toHaveLength(3);

    expect(await callApiJson(token, "GET", "/vms?limit=500")).toMatchObject({
      status: 400,
      body: { errors: { limit: [expect.stringMatching(/at most 200/)] } },
    });
    expect(await callApiJson(token, "GET", "/vms?limit=many")).toMatchObject({
      status: 400,
      body: { errors: { limit: ["The limit is a number of items, like 50."] } },
    });
    expect(await callApiJson(token, "GET", "/vms?cursor=bm9wZQ")).toMatchObject({
      status: 400,
      body: { errors: { cursor: [expect.any(String)] } },
    });
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer to a retried write, and refuses the key for a different request", async () => {
    const vm = await createTestVm({ ownerId, clusterId: "sim", name: "infra-dns", vmid: 100, node: "pve2" });
    const send = (name: string, key: string) =>
      callApiJson<{ job: Job }>(manageToken, "POST", `/vms/${vm.id}/snapshots`, {
        body: { name },
        headers: { "idempotency-key": key },
      });
    const first = await send("once", "key-1");
    expect(first.status).toBe(202);
    const replay = await send("once", "key-1");
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("location")).toBe(first.headers.get("location"));
    const taken = await getDb().select().from(vmEvents).where(eq(vmEvents.vmId, vm.id));
    expect(
      taken.filter((event) => renderMessage(event.message, englishTranslator()) === "Snapshot once taken"),
    ).toHaveLength(1);

    // A first request still running holds its key without an answer: a retry now is told to wait.
    const requestHash = requestHashOf("POST", `/vms/${vm.id}/snapshots`, { name: "twice" });
    await getDb().insert(idempotencyKeys).values({ tokenId: manageTokenId, key: "in-flight", requestHash });
    expect(await send("twice", "in-flight")).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/still being answered/) },
    });
    const reused = await send("other", "key-1");
    expect(reused).toMatchObject({ status: 422, body: { type: "/api-docs#problem-idempotency-key-reused" } });
    expect((await send("x", "bad key with spaces")).status).toBe(400);
  });

  it("keeps a new VM's one-time password sealed while it waits for a retry", async () => {
    const creator = await createUserWithSession("api-creator", "member");
    const token = (await createTestApiToken(creator.id, ["manage"])).token;
    const body = { templateId, name: "api-once", cores: 1, memoryMb: 1024, diskGb: 8 };
    const headers = { "idempotency-key": crypto.randomUUID() };
    const first = await callApiJson<{ vm: { id: string }; credentials: { password: string } }>(
      token,
      "POST",
      "/vms",
      { body, headers },
    );
    expect(first.status).toBe(202);
    const again = await callApiJson<typeof first.body>(token, "POST", "/vms", { body, headers });
    expect(again.body).toEqual(first.body);
    const stored = await getDb().select().from(idempotencyKeys);
    expect(JSON.stringify(stored)).not.toContain(first.body.credentials.password);
    const creations = (await listAuditEvents({})).filter(
      (event) => event.action === "vm.create" && event.targetId === first.body.vm.id,
    );
    expect(creations).toHaveLength(1);
    expect(creations[0]!.detail).toMatchObject({ via: "api", tokenId: expect.any(String) });
  });
});

describe("scopes", () => {
  it("refuse a write to a read token with the scope it needs, and the audit log keeps the refusal", async () => {
    const { token, id } = await createTestApiToken(ownerId, ["read"]);
    const refused = await callApiJson(token, "POST", "/vms", {
      body: { templateId, name: "api-nope", cores: 1, memoryMb: 1024, diskGb: 8 },
    });
    expect(refused).toMatchObject({ status: 403, body: { detail: expect.stringMatching(/"manage" scope/) } });
    const [denied] = await listAuditEvents({ action: "api.createVm" });
    expect(denied).toMatchObject({
      result: "denied",
      actorId: ownerId,
      detail: { via: "api", tokenId: id, needed: "manage" },
    });
  });
});

describe("metrics", () => {
  it("count API requests by route pattern, not by URL", async () => {
    await callApi(readToken, "GET", `/vms/${crypto.randomUUID()}`);
    const text = await metricsRegistry().metrics();
    expect(text).toMatch(
      /roost_http_requests_total\{route="\/api\/v1\/vms\/\{vmId\}",method="GET",status="404"\} [1-9]/,
    );
  });
});

describe("rate limits", () => {
  it("count each token's calls in RateLimit headers and refuse beyond the limit with Retry-After", async () => {
    const response = await callApi(readToken, "GET", "/vms");
    expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    expect(response.headers.get("ratelimit-reset")).toMatch(/^\d+$/);

    const dispatch = createApiDispatcher({ routes: apiRoutes, limiter: new WindowLimiter(2, 60_000) });
    const request = () =>
      dispatch(
        new Request("http://127.0.0.1/api/v1/vms", { headers: { authorization: `Bearer ${readToken}` } }),
      );
    expect((await request()).headers.get("ratelimit-remaining")).toBe("1");
    expect((await request()).headers.get("ratelimit-remaining")).toBe("0");
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ status: 429, type: "/api-docs#problem-rate-limited" });
    const otherToken = (await createTestApiToken(ownerId, ["read"])).token;
    const fresh = await dispatch(
      new Request("http://127.0.0.1/api/v1/vms", { headers: { authorization: `Bearer ${otherToken}` } }),
    );
    expect(fresh.status).toBe(200);
  });
});
