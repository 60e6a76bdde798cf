import { createServer, get, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, type Vm } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/authz/auth-adapter";
import { serveAheadOfNext } from "@/lib/http/ahead-of-next";
import { takeLiveRequest } from "@/lib/http/live-endpoint";
import { baseSecurityHeaders } from "@/lib/http/security-headers";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { isClusterWatched } from "@/lib/live/status-poller";
import { setUserDisabledBy } from "@/lib/users/disable-user";
import { createTestVm } from "../helpers/fixtures";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

process.env.ROOST_STATUS_PERIOD_MS = "400";

setUpClusterTestbed();

type Person = TestUser & { token: string };
let alice: Person;
let bob: Person;
let admin: Person;
let aliceVm: Vm;
let bobVm: Vm;
// Stands in for Next's server: whatever the live endpoint leaves answers "next".
let server: Server;
let base: string;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** What came so far (all of it once the answer ended). */
  text(): string;
  /** Resolves once the body holds `what`. */
  until(what: string): Promise<string>;
  ended: Promise<void>;
  close(): void;
}

function ask(path: string, token?: string, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(
      `${base}${path}`,
      { method, headers: token === undefined ? {} : { cookie: `theme=dark; authjs.session-token=${token}` } },
      (response) => {
        let body = "";
        const waiters: (() => void)[] = [];
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
          for (const wake of waiters.splice(0)) wake();
        });
        const ended = new Promise<void>((done) => response.once("close", done));
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: () => body,
          async until(what) {
            await waitFor(`"${what}" on the stream`, () => body.includes(what));
            return body;
          },
          ended,
          close: () => sent.destroy(),
        });
      },
    );
    sent.on("error", reject);
    sent.end();
  });
}

beforeAll(async () => {
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  admin = await createUserWithSession("root", "admin");
  const placed = {
    clusterId: "sim",
    node: "pve1",
    state: "running" as const,
    leaseExpiresAt: new Date(Date.now() + 3 * 86_400_000),
  };
  aliceVm = await createTestVm({ ...placed, ownerId: alice.id, name: "alice-web", vmid: 401 });
  bobVm = await createTestVm({ ...placed, ownerId: bob.id, name: "bob-db", vmid: 402 });
  server = createServer((_request, response) => response.end("next"));
  serveAheadOfNext(takeLiveRequest);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

describe("/api/live served by Node ahead of Next", () => {
  it("a person's stream carries their own VMs' changes and never another person's VM", async () => {
    const aliceLive = await ask("/api/live", alice.token);
    const bobLive = await ask("/api/live", bob.token);
    expect(aliceLive.status).toBe(200);
    await aliceLive.until("event: snapshot");
    expect(aliceLive.text()).toMatch(/^retry: 5000\n\nevent: snapshot\ndata: \{"vms":\[\{"id":"/);
    expect(aliceLive.text()).toContain(aliceVm.id);

    // Events reach a process's streams in order: once Alice hears of her renewal, Bob's was offered too.
    const bobUntil = await renewOwnedLease(
      bobVm.id,
      { id: bob.id, role: "member" },
      { id: bob.id, label: "bob" },
    );
    await bobLive.until(bobUntil.toISOString());
    const aliceUntil = await renewOwnedLease(
      aliceVm.id,
      { id: alice.id, role: "member" },
      { id: alice.id, label: "alice" },
    );
    await aliceLive.until(`"leaseExpiresAt":"${aliceUntil.toISOString()}"`);
    expect(aliceLive.text()).not.toContain(bobVm.id);
    expect(aliceLive.text()).not.toContain("bob-db");
    expect(bobLive.text()).not.toContain(aliceVm.id);
    aliceLive.close();
    bobLive.close();
  });

  it("answers with the route's headers and the proxy's: security headers, request id, the session cookie", async () => {
    const live = await ask("/api/live?scope=own", alice.token);
    expect(live.headers).toMatchObject({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch",
      ...baseSecurityHeaders,
    });
    expect(live.headers["content-security-policy"]).toMatch(/default-src 'self'; script-src 'self' 'nonce-/);
    expect(live.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // As Auth.js answers every request with a live session: the cookie's expiry pushed back.
    expect(live.headers["set-cookie"]).toEqual([
      expect.stringMatching(
        new RegExp(
          `^authjs\\.session-token=${alice.token}; Path=/; Expires=[^;]+ GMT; HttpOnly; SameSite=Lax$`,
        ),
      ),
    ]);
    const expires = Date.parse(/Expires=([^;]+)/.exec(live.headers["set-cookie"]![0]!)![1]!);
    expect(expires).toBeGreaterThan(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    live.close();
  });

  it("refuses with the proxy's and the route's reasons, each answer with its security headers", async () => {
    const json = async (path: string, token?: string) => {
      const answer = await ask(path, token);
      await answer.ended;
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["content-type"]).toBe("application/json");
      return { status: answer.status, body: JSON.parse(answer.text()) as unknown, headers: answer.headers };
    };
    expect(await json("/api/live")).toMatchObject({ status: 401, body: { error: "Sign in first." } });
    const unknown = await json("/api/live", "not-a-session");
    expect(unknown).toMatchObject({ status: 401, body: { error: "Sign in first." } });
    expect(unknown.headers["set-cookie"]).toEqual([
      "authjs.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
    ]);
    expect(await json("/api/live?scope=admin", alice.token)).toEqual(
      expect.objectContaining({
        status: 403,
        body: { error: "Only admins and auditors may follow every VM." },
      }),
    );
    expect(await json("/api/live?scope=everyone", alice.token)).toMatchObject({
      status: 400,
      body: { fieldErrors: { scope: ['scope must be "own" or "admin".'] } },
    });
    expect((await json("/api/live?topic=jobs", alice.token)).status).toBe(400);
    expect((await json("/api/live?vm=../etc", alice.token)).status).toBe(400);
    // The proxy refuses broken query strings before anyone reads them, signed in or not.
    expect(await json("/api/live?scope=%00")).toMatchObject({ status: 400 });
  });

  it("an expired session signs nobody in and is deleted; one due for it is extended", async () => {
    const expired = await createUserWithSession("eve", "member");
    await getDb()
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, expired.token));
    const refused = await ask("/api/live", expired.token);
    await refused.ended;
    expect(refused.status).toBe(401);
    expect(await getDb().select().from(sessions).where(eq(sessions.sessionToken, expired.token))).toEqual([]);

    const due = await createUserWithSession("dan", "member");
    const dueExpiry = new Date(
      Date.now() + (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS - 60) * 1000,
    );
    await getDb().update(sessions).set({ expires: dueExpiry }).where(eq(sessions.sessionToken, due.token));
    const live = await ask("/api/live", due.token);
    expect(live.status).toBe(200);
    live.close();
    const [row] = await getDb().select().from(sessions).where(eq(sessions.sessionToken, due.token));
    expect(row!.expires.valueOf()).toBeGreaterThan(dueExpiry.valueOf() + 30_000);
  });

  it("an admin follows every VM, and the jobs; a disabled person is signed out and their stream ends", async () => {
    const everyone = await ask("/api/live?scope=admin", admin.token);
    const body = await everyone.until("event: snapshot");
    expect(body).toContain(aliceVm.id);
    expect(body).toContain(bobVm.id);
    const jobs = await ask("/api/live?scope=admin&topic=jobs", admin.token);
    await jobs.until('event: snapshot\ndata: {"jobs":[');
    everyone.close();
    jobs.close();

    const carol = await createUserWithSession("carol", "member");
    const carolLive = await ask("/api/live", carol.token);
    await carolLive.until("event: snapshot");
    await setUserDisabledBy({ id: admin.id, label: "root" }, { userId: carol.id, disabled: true });
    await carolLive.ended;
    const again = await ask("/api/live", carol.token);
    expect(again.status).toBe(401);
    again.close();
  });

  it("a tab that goes ends its stream: the last one stops the cluster's poller", async () => {
    const tabs = await Promise.all([
      ask("/api/live", alice.token),
      ask(`/api/live?vm=${bobVm.id}`, bob.token),
    ]);
    await Promise.all(tabs.map((tab) => tab.until("event: snapshot")));
    expect(isClusterWatched("sim")).toBe(true);
    for (const tab of tabs) tab.close();
    await waitFor("the status poller to stop", () => !isClusterWatched("sim"));
  });

  it("leaves every other request to Next", async () => {
    for (const [path, method] of [
      ["/api/live/", "GET"],
      ["/api/live", "POST"],
      ["/api/lively", "GET"],
      ["/vms?scope=admin", "GET"],
    ] as const) {
      const answer = await ask(path, alice.token, method);
      await answer.ended;
      expect([path, answer.text()]).toEqual([path, "next"]);
    }
    const plain = await new Promise<string>((resolve) =>
      get(`${base}/`, (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve(text));
      }),
    );
    expect(plain).toBe("next");
  });
});
