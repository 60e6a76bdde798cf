import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { insertJob } from "@/db/queries/job-queue";
import { getJob } from "@/db/queries/jobs";
import { getVmById } from "@/db/queries/vms";
import { getWebhookDelivery, insertWebhookEndpoint, listWebhookDeliveries } from "@/db/queries/webhooks";
import { jobs, vms, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { functions } from "@/inngest/index";
import { getConfig } from "@/lib/config";
import { allJobs } from "@/lib/jobs/definitions";
import { deliverWebhookJob } from "@/lib/jobs/definitions/deliver-webhook";
import { jobsHousekeeping } from "@/lib/jobs/definitions/jobs-housekeeping";
import { createEmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { sweepLeases } from "@/lib/leases/lease-sweep";
import { requestVm } from "@/lib/vms/request-vm";
import { startProvisioning } from "@/lib/vms/start-provisioning";
import { maxDeliveryAttempts } from "@/lib/webhooks/attempt-delivery";
import { registerWebhookEndpoint, sendTestWebhook } from "@/lib/webhooks/endpoints";
import { emitWebhookEvent, type WebhookEventType } from "@/lib/webhooks/events";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { sealWebhookSecret } from "@/lib/webhooks/signature";
import { emitVmCreated } from "@/lib/webhooks/vm-webhooks";
import { approveDebianTemplate, createTestVm } from "../helpers/fixtures";
import { cloneMemberVm } from "../helpers/pve-sim";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

vi.hoisted(() => {
  process.env.ROOST_SECRET_KEY = "integration-test-key-of-at-least-32-characters";
  process.env.ROOST_PUBLIC_URL = "https://roost.lab.example";
});

const actions = () => import("@/app/(portal)/admin/webhooks/actions");
const vmActions = () => import("@/app/(portal)/vms/actions");

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1: it records every request and answers with the statuses queued. */
const received: Received[] = [];
const answers: number[] = [];
let receiver: Server;
let receiverUrl: string;

const cluster = setUpClusterTestbed({ sim: { agentDelaySeconds: 0 }, client: { resourceCacheMs: 0 } });
let admin: TestUser & { token: string };
let member: TestUser & { token: string };
let auditor: TestUser & { token: string };

// The runner's clock, moved on to let the back-off pass without waiting for it.
let skewMs = 0;
const runner = createEmbeddedRunner({
  jobs: [deliverWebhookJob],
  clock: () => new Date(Date.now() + skewMs),
});

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const status = answers.shift() ?? 200;
      if (status >= 300 && status < 400) response.setHeader("location", `${receiverUrl}/elsewhere`);
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(status >= 400 ? "receiver is having a moment" : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  admin = await createUserWithSession("ada", "admin");
  member = await createUserWithSession("mia", "member");
  auditor = await createUserWithSession("audrey", "auditor");
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});
afterEach(async () => {
  received.length = 0;
  answers.length = 0;
  skewMs = 0;
  await getDb().delete(webhookEndpoints);
  await getDb().delete(jobs);
});

async function localEndpoint(eventTypes: WebhookEventType[] = ["vm.state_changed"], path = "/hooks") {
  return registerWebhookEndpoint(
    {
      url: `${receiverUrl}${path}`,
      description: "local receiver",
      eventTypes,
      allowPrivate: true,
    },
    admin.id,
  );
}

/** An endpoint row as if its address had passed the check when it was registered (DNS changed since). */
async function storedEndpoint(url: string, allowPrivate = false) {
  const id = crypto.randomUUID();
  return insertWebhookEndpoint({
    id,
    url,
    eventTypes: ["vm.deleted"],
    allowPrivate,
    secretSealed: sealWebhookSecret(getConfig(), id, "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q="),
  });
}

const headersOf = (request: Received) => ({
  "webhook-id": String(request.headers["webhook-id"]),
  "webhook-timestamp": String(request.headers["webhook-timestamp"]),
  "webhook-signature": String(request.headers["webhook-signature"]),
});

async function deliveriesOf(endpointId: string) {
  return listWebhookDeliveries({ endpointId });
}

describe("signed deliveries", () => {
  it("signs each delivery so the standardwebhooks package verifies it, and keeps the secret sealed", async () => {
    const { endpoint, secret } = await localEndpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint.secretSealed).toMatch(/^v1:/);
    expect(endpoint.secretSealed).not.toContain(secret.slice(6));

    await sendTestWebhook(endpoint.id, admin.id);
    expect(await runner.runUntilIdle()).toBe(1);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers["content-type"]).toBe("application/json");
    const payload = new Webhook(secret).verify(request!.body, headersOf(request!));
    expect(payload).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpoint.id, sentBy: admin.id },
    });
    // The check can fail: another secret or an altered body does not verify.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(
        request!.body,
        headersOf(request!),
      ),
    ).toThrow();
    expect(() =>
      new Webhook(secret).verify(request!.body.replace("test", "tost"), headersOf(request!)),
    ).toThrow();

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "delivered", eventType: "webhook.test", nextAttemptAt: null });
    expect(delivery!.messageId).toBe(request!.headers["webhook-id"]);
    expect(delivery!.attempts).toHaveLength(1);
    expect(delivery!.attempts[0]).toMatchObject({ status: 200 });
    expect(delivery!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(delivery!.deliveredAt).toBeInstanceOf(Date);
  });

  it("retries a failing receiver with back-off through the job system and delivers on the third attempt", async () => {
    const { endpoint, secret } = await localEndpoint(["vm.deleted"]);
    answers.push(500, 503);
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: member.id,
      name: "retry-me",
      state: "deleted",
    });
    await emitWebhookEvent("vm.deleted", {
      vm: {
        id: vm.id,
        name: vm.name,
        ownerId: vm.ownerId,
        clusterId: "sim",
        node: null,
        vmid: null,
        state: "deleted",
        ipAddress: null,
      },
      reason: "owner",
    });

    expect(await runner.runUntilIdle()).toBe(1);
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "pending" });
    expect(delivery!.attempts).toEqual([
      expect.objectContaining({ status: 500, error: "Answered 500: receiver is having a moment" }),
    ]);
    expect(delivery!.nextAttemptAt).toBeInstanceOf(Date);
    // The job waits durably; nothing is due until the back-off has passed.
    const [job] = await getDb().select().from(jobs).where(eq(jobs.functionId, "deliver-webhook"));
    const sleeping = await getJob({ id: job!.id });
    expect(sleeping).toMatchObject({ state: "queued", error: null });
    expect(sleeping!.runAfter.getTime()).toBeGreaterThan(Date.now());
    expect(await runner.runUntilIdle()).toBe(0);
    expect(received).toHaveLength(1);

    skewMs = 6_000;
    expect(await runner.runUntilIdle()).toBe(1);
    skewMs += 5 * 60_000 + 1_000;
    expect(await runner.runUntilIdle()).toBe(1);

    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "delivered", nextAttemptAt: null });
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((request) => request.headers["webhook-id"]))).toEqual(
      new Set([delivery!.messageId]),
    );
    for (const request of received)
      expect(() => new Webhook(secret).verify(request.body, headersOf(request))).not.toThrow();
    // The waits were durable sleeps, not failures of the job.
    expect(await getJob({ id: job!.id })).toMatchObject({
      state: "succeeded",
      result: { outcome: "delivered", attempts: 3 },
    });
  });

  it("does the same when Inngest runs the job: the attempts are steps, the back-off a step.sleep", async () => {
    const { endpoint, secret } = await localEndpoint();
    answers.push(502);
    const delivery = await sendTestWebhook(endpoint.id, admin.id);
    await getDb().delete(jobs);
    const deliverFunction = functions.find((fn) => fn.opts.id === "deliver-webhook")!;
    const t = new InngestTestEngine({
      function: deliverFunction,
      events: [{ name: "app/webhook.delivery-requested", data: { deliveryId: delivery.id } }],
      // A sleep has to be given as done, or the test engine waits for it like Inngest would.
      steps: [{ id: "back-off-1", handler: () => null }],
    });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ outcome: "delivered", attempts: 2 });
    expect(ctx.step.run).toHaveBeenCalledWith("attempt-1", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("attempt-2", expect.any(Function));
    expect(received.map((request) => request.headers["webhook-id"])).toEqual([
      delivery.messageId,
      delivery.messageId,
    ]);
    expect(() => new Webhook(secret).verify(received[1]!.body, headersOf(received[1]!))).not.toThrow();
    const [after] = await deliveriesOf(endpoint.id);
    expect(after!.attempts.map((attempt) => attempt.status)).toEqual([502, 200]);
  });

  it(`gives up after ${maxDeliveryAttempts} attempts over about a day and marks the delivery failed`, async () => {
    const { endpoint } = await localEndpoint();
    answers.push(...Array<number>(maxDeliveryAttempts).fill(500));
    await sendTestWebhook(endpoint.id, admin.id);
    for (let round = 0; round < maxDeliveryAttempts; round++) {
      expect(await runner.runUntilIdle()).toBe(1);
      skewMs += 11 * 60 * 60_000;
    }
    expect(await runner.runUntilIdle()).toBe(0);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "failed", nextAttemptAt: null, deliveredAt: null });
    expect(delivery!.attempts).toHaveLength(maxDeliveryAttempts);
    expect(received).toHaveLength(maxDeliveryAttempts);
    const first = new Date(delivery!.attempts[0]!.at).getTime();
    const last = new Date(delivery!.attempts.at(-1)!.at).getTime();
    // The attempts' own times are real ones; the back-off the job slept is the runner's clock.
    expect(last - first).toBeGreaterThanOrEqual(0);
  });

  it("does not follow a redirect: a 3xx is a failed attempt and the target is never asked", async () => {
    const { endpoint } = await localEndpoint();
    answers.push(302);
    await sendTestWebhook(endpoint.id, admin.id);
    await runner.runUntilIdle();
    expect(received.map((request) => request.path)).toEqual(["/hooks"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery!.status).toBe("pending");
    expect(delivery!.attempts[0]).toMatchObject({ status: 302 });
    expect(delivery!.attempts[0]!.error).toMatch(/redirect/);
  });

  it("cuts off a receiver that does not answer in time and records why", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      await expect(
        postWebhook({
          url: new URL(`http://127.0.0.1:${port}/`),
          address: { address: "127.0.0.1", family: 4 },
          headers: {},
          body: "{}",
          timeoutMs: 200,
        }),
      ).rejects.toThrow("No answer within 0.2 s.");
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("refused addresses", () => {
  const port = () => new URL(receiverUrl).port;

  it.each([
    ["loopback without leave", () => `http://127.0.0.1:${port()}/hooks`, /loopback/],
    [
      "a name that resolves to loopback",
      () => `http://localhost:${port()}/hooks`,
      /localhost \((127\.0\.0\.1|::1)\) is a loopback/,
    ],
    ["a private address", () => "http://10.1.2.3/hooks", /private address \(RFC 1918\)/],
    ["the cloud metadata service", () => "http://169.254.169.254/latest/meta-data", /metadata/],
    ["carrier-grade NAT", () => "http://100.64.0.7/", /carrier-grade NAT/],
    ["IPv6 loopback", () => `http://[::1]:${port()}/`, /loopback/],
    ["IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${port()}/`, /loopback/],
    ["unique-local IPv6", () => "http://[fd12:3456::1]/", /unique-local/],
  ])("are refused at registration: %s", async (_label, url, reason) => {
    await expect(
      registerWebhookEndpoint(
        { url: url(), description: "", eventTypes: ["vm.deleted"], allowPrivate: false },
        admin.id,
      ),
    ).rejects.toMatchObject({
      kind: "invalid",
      message: expect.stringMatching(reason),
      fieldErrors: { url: [expect.stringMatching(reason)] },
    });
  });

  it("refuses the metadata service and the portal itself even with leave for private addresses", async () => {
    for (const url of [
      "http://169.254.169.254/",
      "https://roost.lab.example/api/hooks",
      "http://0.0.0.0:8080/",
    ]) {
      await expect(
        registerWebhookEndpoint(
          { url, description: "", eventTypes: ["vm.deleted"], allowPrivate: true },
          admin.id,
        ),
      ).rejects.toMatchObject({ kind: "invalid" });
    }
  });

  it("never contacts a refused address at delivery, and records the reason as a failed delivery", async () => {
    const endpoints = await Promise.all([
      storedEndpoint(`http://127.0.0.1:${port()}/hooks`),
      storedEndpoint(`http://localhost:${port()}/hooks`),
      storedEndpoint("http://10.0.0.8/hooks"),
      storedEndpoint("http://169.254.169.254/latest", true),
    ]);
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: member.id,
      name: "refused",
      state: "deleted",
    });
    await emitWebhookEvent("vm.deleted", {
      vm: {
        id: vm.id,
        name: vm.name,
        ownerId: vm.ownerId,
        clusterId: "sim",
        node: null,
        vmid: null,
        state: "deleted",
        ipAddress: null,
      },
      reason: "admin",
    });
    expect(await runner.runUntilIdle()).toBe(endpoints.length);
    expect(received).toHaveLength(0);
    for (const endpoint of endpoints) {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ status: "failed", nextAttemptAt: null });
      expect(delivery!.attempts).toHaveLength(1);
      expect(delivery!.attempts[0]).toMatchObject({
        status: null,
        error: expect.stringMatching(/^Refused, not sent: /),
      });
    }
    const [metadata] = await deliveriesOf(endpoints[3]!.id);
    expect(metadata!.attempts[0]!.error).toMatch(/metadata service; webhooks are never sent there/);
  });

  it("lets 127.0.0.1 through once an admin allowed private addresses", async () => {
    const refused = await storedEndpoint(`${receiverUrl}/refused`);
    const allowed = await storedEndpoint(`${receiverUrl}/allowed`, true);
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: member.id,
      name: "allowed",
      state: "deleted",
    });
    await emitWebhookEvent("vm.deleted", {
      vm: {
        id: vm.id,
        name: vm.name,
        ownerId: vm.ownerId,
        clusterId: "sim",
        node: null,
        vmid: null,
        state: "deleted",
        ipAddress: null,
      },
      reason: "admin",
    });
    await runner.runUntilIdle();
    expect(received.map((request) => request.path)).toEqual(["/allowed"]);
    expect((await deliveriesOf(allowed.id))[0]!.status).toBe("delivered");
    expect((await deliveriesOf(refused.id))[0]!.status).toBe("failed");
  });
});

describe("events from the portal", () => {
  it("a member's power action on the simulator reaches the receiver as vm.state_changed", async () => {
    const { secret } = await localEndpoint(["vm.state_changed"]);
    await cloneMemberVm(cluster.client, { newid: 731, name: "hooked" });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve1", 731, "start"), {
      initialDelayMs: 10,
    });
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: member.id,
      name: "hooked",
      vmid: 731,
      node: "pve1",
      state: "running",
    });

    const { powerVmAction } = await vmActions();
    actAs(member);
    expect(await powerVmAction({ vmId: vm.id, action: "stop" })).toMatchObject({ ok: true });
    await runner.runUntilIdle();

    expect(received).toHaveLength(1);
    const payload = new Webhook(secret).verify(received[0]!.body, headersOf(received[0]!));
    expect(payload).toMatchObject({
      type: "vm.state_changed",
      data: {
        vm: { id: vm.id, name: "hooked", state: "stopped", vmid: 731 },
        previousState: "running",
        state: "stopped",
        source: "portal",
      },
    });
    await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() }).where(eq(vms.id, vm.id));
  });

  it("a VM provisioned from a template and deleted by its owner reaches the receiver as vm.created, then vm.deleted", async () => {
    const { secret } = await localEndpoint(["vm.created", "vm.deleted"]);
    const template = await approveDebianTemplate();
    const owner = { id: member.id, label: "Mia", username: member.username };
    const requested = await requestVm(owner, {
      templateId: template.id,
      name: "announced",
      cores: 1,
      memoryMb: 1024,
      diskGb: 8,
    });
    await startProvisioning(requested, owner);
    await createEmbeddedRunner({ jobs: allJobs }).runUntilIdle();
    expect(await getVmById({ id: requested.vm.id })).toMatchObject({ state: "running" });

    const { deleteVmAction } = await vmActions();
    actAs(member);
    expect(await deleteVmAction({ vmId: requested.vm.id, confirmName: "announced" })).toMatchObject({
      ok: true,
    });
    await runner.runUntilIdle();

    const payloads = received.map((request) => new Webhook(secret).verify(request.body, headersOf(request)));
    expect(payloads).toEqual([
      expect.objectContaining({
        type: "vm.created",
        data: {
          vm: expect.objectContaining({ id: requested.vm.id, state: "running", node: expect.any(String) }),
        },
      }),
      expect.objectContaining({
        type: "vm.deleted",
        data: { vm: expect.objectContaining({ id: requested.vm.id, state: "deleted" }), reason: "owner" },
      }),
    ]);
  });

  it("a lease reminder reaches the receiver once, however often the sweep runs", async () => {
    const { endpoint, secret } = await localEndpoint(["vm.lease_reminded", "vm.state_changed"]);
    const now = new Date();
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: member.id,
      name: "leased",
      leaseExpiresAt: new Date(now.getTime() + 3 * 24 * 60 * 60_000 - 60_000),
    });
    await sweepLeases({ now });
    await sweepLeases({ now });
    await runner.runUntilIdle();
    const reminders = received.filter((request) => JSON.parse(request.body).type === "vm.lease_reminded");
    expect(reminders).toHaveLength(1);
    expect(new Webhook(secret).verify(reminders[0]!.body, headersOf(reminders[0]!))).toMatchObject({
      data: {
        vm: { id: vm.id, name: "leased" },
        daysLeft: 3,
        leaseExpiresAt: vm.leaseExpiresAt!.toISOString(),
      },
    });
    expect((await deliveriesOf(endpoint.id)).every((delivery) => delivery.status === "delivered")).toBe(true);
    await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() }).where(eq(vms.id, vm.id));
  });

  it("an occurrence reported twice under its key (a retried job) is delivered once", async () => {
    const { endpoint } = await localEndpoint(["vm.created"]);
    const vm = await createTestVm({ clusterId: "sim", ownerId: member.id, name: "twice", state: "running" });
    await emitVmCreated(vm);
    await emitVmCreated(vm);
    await runner.runUntilIdle();
    expect(received).toHaveLength(1);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() }).where(eq(vms.id, vm.id));
  });

  it("an event nobody subscribed to queues nothing, and emitting never throws into the caller", async () => {
    await localEndpoint(["vm.created"]);
    await emitWebhookEvent("vm.deleted", { vm: { id: "x" } as never, reason: "owner" });
    expect(await runner.runUntilIdle()).toBe(0);
    expect(received).toHaveLength(0);
  });
});

describe("old deliveries", () => {
  it("are forgotten by the hourly housekeeping 30 days on, once finished", async () => {
    const { endpoint } = await localEndpoint();
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60_000);
    const made = await Promise.all(
      (["delivered", "failed", "pending"] as const).map(
        async (status, index) =>
          (
            await getDb()
              .insert(webhookDeliveries)
              .values({
                endpointId: endpoint.id,
                messageId: `msg_old_${index}`,
                eventType: "vm.deleted",
                payload: {},
                status,
                createdAt: longAgo,
              })
              .returning()
          )[0]!,
      ),
    );
    await sendTestWebhook(endpoint.id, admin.id);
    await runner.runUntilIdle();
    const housekeeping = createEmbeddedRunner({ jobs: [jobsHousekeeping] });
    await insertJob({
      job: { functionId: "jobs-housekeeping", eventName: "inngest/scheduled.timer", maxAttempts: 1 },
    });
    expect(await housekeeping.runUntilIdle()).toBeGreaterThanOrEqual(1);
    const left = await deliveriesOf(endpoint.id);
    expect(left.map((delivery) => delivery.messageId).sort()).toEqual(
      [made[2]!.messageId, left.find((delivery) => delivery.eventType === "webhook.test")!.messageId].sort(),
    );
  });
});

describe("the admin's webhook actions", () => {
  const input = () => ({
    url: `${receiverUrl}/admin`,
    description: "CI",
    eventTypes: ["vm.created", "vm.deleted"] as WebhookEventType[],
    allowPrivate: true,
  });

  it("register an endpoint, show its secret once, send a test event, disable and delete, all audited", async () => {
    const {
      createWebhookEndpointAction,
      sendTestWebhookAction,
      setWebhookEndpointEnabledAction,
      deleteWebhookEndpointAction,
    } = await actions();
    actAs(admin);
    const created = await createWebhookEndpointAction(input());
    if (!created.ok) throw new Error(created.error);
    const { id, secret } = created.data;
    expect(secret).toMatch(/^whsec_/);

    expect(await sendTestWebhookAction({ endpointId: id })).toMatchObject({ ok: true });
    await runner.runUntilIdle();
    expect(new Webhook(secret).verify(received[0]!.body, headersOf(received[0]!))).toMatchObject({
      type: "webhook.test",
    });

    expect(await setWebhookEndpointEnabledAction({ endpointId: id, enabled: false })).toMatchObject({
      ok: true,
    });
    expect(await sendTestWebhookAction({ endpointId: id })).toMatchObject({ ok: false, status: 409 });
    expect(await deleteWebhookEndpointAction({ endpointId: id })).toMatchObject({ ok: true });
    expect(await deleteWebhookEndpointAction({ endpointId: id })).toMatchObject({ ok: false, status: 404 });

    const audit = await listAuditEvents({ targetId: id });
    const mine = audit.map((event) => event.action);
    expect(mine).toEqual(
      expect.arrayContaining(["webhook.create", "webhook.test", "webhook.disable", "webhook.delete"]),
    );
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it("say why a URL is refused, at the URL field", async () => {
    const { createWebhookEndpointAction } = await actions();
    actAs(admin);
    const refused = await createWebhookEndpointAction({ ...input(), allowPrivate: false });
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { url: [expect.stringMatching(/loopback/)] },
    });
    const ftp = await createWebhookEndpointAction({ ...input(), url: "ftp://files.example.org/" });
    expect(ftp).toMatchObject({ ok: false, status: 400, fieldErrors: { url: [expect.any(String)] } });
    const none = await createWebhookEndpointAction({ ...input(), eventTypes: [] });
    expect(none).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { eventTypes: ["Pick at least one event."] },
    });
  });

  it("refuse members (as not found) and auditors (as forbidden), changing nothing", async () => {
    const { createWebhookEndpointAction, deleteWebhookEndpointAction, sendTestWebhookAction } =
      await actions();
    const { endpoint } = await localEndpoint();
    for (const [user, status] of [
      [member, 404],
      [auditor, 403],
    ] as const) {
      actAs(user);
      expect(await createWebhookEndpointAction(input())).toMatchObject({ ok: false, status });
      expect(await deleteWebhookEndpointAction({ endpointId: endpoint.id })).toMatchObject({
        ok: false,
        status,
      });
      expect(await sendTestWebhookAction({ endpointId: endpoint.id })).toMatchObject({ ok: false, status });
    }
    const rows = await getDb().select().from(webhookEndpoints);
    expect(rows.map((row) => row.id)).toEqual([endpoint.id]);
    expect(await getWebhookDelivery({ id: crypto.randomUUID() })).toBeNull();
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
  });
});
