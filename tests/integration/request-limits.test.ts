import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVmAction, openConsoleAction } from "@/app/(portal)/vms/actions";
import { insertConsoleTicket } from "@/db/queries/console-tickets";
import { type DemoIdp, startDemoIdp } from "@/demo-idp/server";
import { DEMO_CLIENT_ID } from "@/lib/authz/demo-client";
import { CONSOLE_TICKET_LIMIT, VM_REQUEST_LIMIT } from "@/lib/limits/request-limits";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createTestCluster();
});
afterAll(() => database.drop());

describe("limits where abuse is cheap", () => {
  it("a person who opened 20 consoles within a minute gets 429 and when to retry, before Proxmox is asked", async () => {
    const person = await createUserWithSession("cory", "member");
    const vm = await createTestVm({ ownerId: person.id, name: "busy", vmid: 4242, node: "pve1" });
    for (let index = 0; index < CONSOLE_TICKET_LIMIT.limit; index++)
      await insertConsoleTicket({
        tokenHash: `limit-test-${index}`,
        userId: person.id,
        vmId: vm.id,
        clusterId: "test-cluster",
        node: "pve1",
        vmid: 4242,
        kind: "vnc",
        port: 5900,
        vncTicket: "x",
        expiresAt: new Date(Date.now() + 30_000),
      });
    actAs(person);
    // The test cluster's address answers nothing: a 429 here proves the portal did not try it.
    const result = await openConsoleAction({ vmId: vm.id, kind: "vnc" });
    expect(result).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(/try again in \d+ seconds?\./),
      retryAfterSeconds: expect.any(Number),
    });
    expect(result.ok === false && result.retryAfterSeconds).toBeGreaterThan(50);
    expect(result.ok === false && result.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("a person who asked for 20 VMs within 5 minutes gets 429 and when to retry; someone else is not held up", async () => {
    const person = await createUserWithSession("vera", "member");
    for (let index = 0; index < VM_REQUEST_LIMIT.limit; index++)
      await createTestVm({ ownerId: person.id, name: `burst-${index}`, state: "deleted" });
    actAs(person);
    const input = {
      name: "one-more",
      templateId: "00000000-0000-4000-8000-000000000000",
      cores: 1,
      memoryMb: 1024,
      diskGb: 10,
    };
    expect(await createVmAction(input)).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(
        /^You asked for 20 VMs in the last 5 minutes, the most allowed; try again in \d+ seconds\.$/,
      ),
    });
    actAs(await createUserWithSession("walt", "member"));
    expect(await createVmAction(input)).toMatchObject({ ok: false, status: 400 });
  });
});

describe("the demo identity provider", () => {
  let idp: DemoIdp;
  beforeAll(async () => {
    idp = await startDemoIdp({
      portalUrl: "http://localhost:3000",
      signInLimit: { limit: 3, windowMs: 60_000 },
    });
  });
  afterAll(() => idp?.close());

  /** One sign-in as `username`, as the portal starts it: an authorization request, then its interaction. */
  async function attempt(username: string): Promise<Response> {
    const query = new URLSearchParams({
      client_id: DEMO_CLIENT_ID,
      response_type: "code",
      redirect_uri: "http://localhost:3000/api/auth/callback/oidc",
      scope: "openid",
      state: "s",
      nonce: "n",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      login_hint: username,
    });
    const start = await fetch(`${idp.issuer}/auth?${query}`, { redirect: "manual" });
    const cookie = start.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    return fetch(new URL(start.headers.get("location")!, idp.issuer), {
      redirect: "manual",
      headers: { cookie },
    });
  }

  it("answers 429 with Retry-After once an account was tried too often from one address", async () => {
    for (let index = 0; index < 3; index++) expect((await attempt("alice")).status).not.toBe(429);
    const refused = await attempt("alice");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/try again in \d+ seconds/);
    expect((await attempt("bob")).status).not.toBe(429);
  });
});
