import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { listJobs } from "@/db/queries/jobs";
import { listUsers } from "@/db/queries/users";
import { listAllVms } from "@/db/queries/vms";
import { auditEvents, jobs } from "@/db/schema";
import { requireRolePermission } from "@/lib/api/admin-role";
import { apiRoutes } from "@/lib/api/routes";
import { mintApiToken } from "@/lib/api-tokens/mint-token";
import { callApiJson, createTestApiToken } from "../helpers/api";
import { undocumentedAnswer } from "../helpers/api-schema";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

setUpClusterTestbed();

type Page<T> = { items: T[]; nextCursor: string | null };

let admin: TestUser;
let audrey: TestUser;
let alice: TestUser;
let adminRead: string;
let auditorRead: string;

beforeAll(async () => {
  admin = await createUserWithSession("admin", "admin");
  audrey = await createUserWithSession("audrey", "auditor");
  alice = await createUserWithSession("alice", "member");
  adminRead = (await createTestApiToken(admin.id, ["read", "admin:read"])).token;
  auditorRead = (await createTestApiToken(audrey.id, ["read", "admin:read"])).token;
});

async function readAllPages<T>(token: string, path: string, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const next: string = `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const { status, body } = await callApiJson<Page<T>>(token, "GET", next);
    expect(status).toBe(200);
    pages.push(body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

const adminRoutes = apiRoutes.filter((route) => route.path.startsWith("/admin/"));
const adminPaths = adminRoutes.filter((route) => route.method === "GET").map((route) => route.path);

describe("admin routes", () => {
  it("read VMs, users, the audit log, jobs and pending requests with admin:read; deciding needs admin:write", () => {
    expect(adminPaths.sort()).toEqual([
      "/admin/audit",
      "/admin/jobs",
      "/admin/requests",
      "/admin/users",
      "/admin/vms",
    ]);
    for (const route of adminRoutes)
      expect({ path: route.path, scope: route.scope }).toEqual({
        path: route.path,
        scope: route.method === "GET" ? "admin:read" : "admin:write",
      });
  });

  it("refuse a member's token with 403, even one whose row claims an admin scope", async () => {
    const manage = (await createTestApiToken(alice.id, ["manage"])).token;
    const forged = (await createTestApiToken(alice.id, ["read", "admin:read", "admin:write"])).token;
    for (const path of adminPaths) {
      for (const token of [manage, forged]) {
        const { status, body } = await callApiJson(token, "GET", path);
        expect({ path, status }).toEqual({ path, status: 403 });
        expect(body).toMatchObject({ detail: expect.stringContaining('"admin:read"') });
      }
    }
    const me = await callApiJson<{ token: { scopes: string[] } }>(forged, "GET", "/me");
    expect(me.body.token.scopes).toEqual(["read"]);
  });

  it("refuse an admin's own token without its admin scope", async () => {
    const memberScoped = (await createTestApiToken(admin.id, ["manage"])).token;
    expect((await callApiJson(memberScoped, "GET", "/admin/audit")).status).toBe(403);
  });

  it("let an auditor mint an admin:read token that reads the audit log, and refuse admin:write at mint", async () => {
    await expect(
      mintApiToken(audrey, { name: "writer", scope: "read", adminScope: "admin:write" }),
    ).rejects.toMatchObject({
      kind: "forbidden",
      message: "Your role (auditor) cannot hold the admin:write scope.",
    });
    const minted = await mintApiToken(audrey, { name: "reader", scope: "read", adminScope: "admin:read" });
    expect(await callApiJson(minted.token, "GET", "/admin/audit")).toMatchObject({ status: 200 });
    const me = await callApiJson<{ token: { scopes: string[] } }>(minted.token, "GET", "/me");
    expect(me.body.token.scopes).toEqual(["read", "admin:read"]);
  });

  it("give an auditor's token admin:read only, never admin:write, whatever its row says", async () => {
    const claimed = (await createTestApiToken(audrey.id, ["read", "admin:write"])).token;
    const me = await callApiJson<{ token: { scopes: string[] } }>(claimed, "GET", "/me");
    expect(me.body.token.scopes).toEqual(["read"]);
    expect((await callApiJson(claimed, "GET", "/admin/audit")).status).toBe(403);
    expect((await callApiJson(auditorRead, "GET", "/admin/audit")).status).toBe(200);
  });

  it("check the caller's role again behind the scope", () => {
    const caller = (role: "member" | "auditor" | "admin") => ({
      tokenId: "t",
      scopes: ["admin:read" as const],
      user: { id: "u", name: null, email: null, username: null, role },
    });
    expect(() => requireRolePermission(caller("member"), "admin:read")).toThrow(/role \(member\)/);
    expect(() => requireRolePermission(caller("auditor"), "admin:read")).not.toThrow();
    expect(() => requireRolePermission(caller("auditor"), "admin:write")).toThrow();
  });
});

describe("GET /admin/vms", () => {
  beforeAll(async () => {
    await createTestCluster("other");
    const bob = await createUserWithSession("bob", "member");
    await createTestVm({ ownerId: alice.id, clusterId: "sim", name: "web", node: "pve1" });
    await createTestVm({ ownerId: alice.id, clusterId: "sim", name: "db", state: "stopped", node: "pve2" });
    await createTestVm({ ownerId: bob.id, clusterId: "other", name: "ci", node: "pve1" });
    await createTestVm({ ownerId: bob.id, clusterId: "sim", name: "web", node: "pve3" });
    await createTestVm({
      ownerId: bob.id,
      clusterId: "sim",
      name: "gone",
      state: "deleted",
      deletedAt: new Date(),
    });
  });

  it("lists every owner's VMs by name, a page at a time, as Admin → VMs does", async () => {
    const pages = await readAllPages<{ id: string; name: string; owner: { label: string } }>(
      auditorRead,
      "/admin/vms",
      2,
    );
    expect(pages.map((page) => page.length)).toEqual([2, 2]);
    const listed = pages.flat();
    expect(listed.map((vm) => vm.id)).toEqual((await listAllVms()).map((row) => row.vm.id));
    expect(listed.map((vm) => vm.name)).toEqual(["ci", "db", "web", "web"]);
    expect(listed.map((vm) => vm.owner.label).sort()).toEqual(["alice", "alice", "bob", "bob"]);
  });

  it("filters by owner, cluster, node and state", async () => {
    const names = async (query: string) =>
      (await callApiJson<Page<{ name: string }>>(adminRead, "GET", `/admin/vms?${query}`)).body.items.map(
        (vm) => vm.name,
      );
    expect(await names("owner=ALICE")).toEqual(["db", "web"]);
    expect(await names("cluster=other")).toEqual(["ci"]);
    expect(await names("state=stopped")).toEqual(["db"]);
    expect(await names("owner=bob&cluster=sim")).toEqual(["web"]);
    expect(await names("node=pve3")).toEqual(["web"]);
    const bad = await callApiJson(adminRead, "GET", "/admin/vms?state=deleted");
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: { state: [expect.stringContaining("running")] } },
    });
  });
});

describe("GET /admin/users", () => {
  it("lists everyone as Admin → Users does, searchable, a page at a time", async () => {
    const pages = await readAllPages<{ id: string; role: string }>(auditorRead, "/admin/users", 2);
    expect(pages.flat().map((person) => person.id)).toEqual((await listUsers()).map((person) => person.id));
    expect(pages.length).toBeGreaterThan(1);
    const found = await callApiJson<Page<{ username: string; role: string }>>(
      adminRead,
      "GET",
      "/admin/users?q=AUD",
    );
    expect(found.body.items).toEqual([expect.objectContaining({ username: "audrey", role: "auditor" })]);
  });
});

describe("GET /admin/audit", () => {
  it("reads the log newest first with the audit page's filters, losing no event between pages", async () => {
    // Five events in one statement share one timestamp to the microsecond: only the id tells them apart.
    await getDb()
      .insert(auditEvents)
      .values(
        [1, 2, 3, 4, 5].map((n) => ({
          at: sql`now()`,
          actorId: admin.id,
          actorLabel: "admin",
          action: "user.disable",
          targetType: "user",
          targetId: `target-${n}`,
          result: "success" as const,
        })),
      );
    await getDb().insert(auditEvents).values({
      actorId: alice.id,
      actorLabel: "alice",
      action: "vm.create",
      targetId: "vm-1",
      result: "success",
    });

    const pages = await readAllPages<{ id: number; targetId: string }>(
      auditorRead,
      "/admin/audit?action=user.",
      2,
    );
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const listed = pages.flat();
    expect(listed.map((event) => event.targetId).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `target-${n}`));
    expect(listed.map((event) => event.id)).toEqual(
      (await listAuditEvents({ action: "user." })).map((event) => event.id),
    );

    // Alice's refused calls to admin routes above are in the log too, under her name.
    const byActor = await callApiJson<Page<{ action: string; actorLabel: string }>>(
      auditorRead,
      "GET",
      "/admin/audit?actor=ALI",
    );
    expect(byActor.body.items.map((event) => event.action)).toContain("vm.create");
    expect(new Set(byActor.body.items.map((event) => event.actorLabel))).toEqual(new Set(["alice"]));
    const byTarget = await callApiJson<Page<{ targetId: string }>>(
      auditorRead,
      "GET",
      "/admin/audit?target=target-3",
    );
    expect(byTarget.body.items).toEqual([expect.objectContaining({ targetId: "target-3" })]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await callApiJson<Page<unknown>>(auditorRead, "GET", `/admin/audit?from=${tomorrow}`);
    expect(future.body).toEqual({ items: [], nextCursor: null });
  });

  it("refuses a filter it cannot read, naming the field, as the page does", async () => {
    expect(await callApiJson(auditorRead, "GET", "/admin/audit?from=yesterday")).toMatchObject({
      status: 400,
      body: { errors: { from: ["Give a date as YYYY-MM-DD."] } },
    });
    expect(await callApiJson(auditorRead, "GET", "/admin/audit?from=2026-02-01&to=2026-01-01")).toMatchObject(
      {
        status: 400,
        body: { errors: { to: [expect.stringContaining("after")] } },
      },
    );
    expect(await callApiJson(auditorRead, "GET", "/admin/audit?cursor=WyJ4Il0")).toMatchObject({
      status: 400,
      body: { errors: { cursor: [expect.any(String)] } },
    });
  });
});

describe("GET /admin/jobs", () => {
  it("lists the runner's jobs newest first, by state, without their payloads", async () => {
    const vmId = "6f1b3c1e-3a9d-4b8e-9a51-0c2f0d9e7a10";
    await getDb()
      .insert(jobs)
      .values([
        {
          functionId: "provision-vm",
          eventName: "app/vm.requested",
          payload: { vmId, passwordHash: "$6$secret" },
          maxAttempts: 3,
          state: "failed",
          error: "clone failed",
        },
        { functionId: "lease-sweep", eventName: "cron", maxAttempts: 1, state: "succeeded" },
        { functionId: "deliver-mail", eventName: "app/mail.queued", maxAttempts: 5 },
      ]);
    const pages = await readAllPages<{ id: string; functionId: string }>(auditorRead, "/admin/jobs", 2);
    expect(pages.flat().map((job) => job.id)).toEqual((await listJobs()).map((job) => job.id));
    expect(JSON.stringify(pages)).not.toContain("secret");
    const failed = await callApiJson<Page<Record<string, unknown>>>(
      auditorRead,
      "GET",
      "/admin/jobs?state=failed",
    );
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        functionId: "provision-vm",
        vmId,
        state: "failed",
        error: "clone failed",
        attempts: 0,
        maxAttempts: 3,
      }),
    ]);
    expect(failed.body.items[0]).not.toHaveProperty("payload");
    expect((await callApiJson(auditorRead, "GET", "/admin/jobs?state=stuck")).status).toBe(400);
  });
});

describe("the admin routes' answers", () => {
  it("match the OpenAPI document, refusals included", async () => {
    const member = (await createTestApiToken(alice.id, ["read"])).token;
    const calls: [string, string, string, string][] = [
      [auditorRead, "GET", "/admin/vms", "/admin/vms"],
      [auditorRead, "GET", "/admin/vms", "/admin/vms?state=nope"],
      [auditorRead, "GET", "/admin/users", "/admin/users"],
      [auditorRead, "GET", "/admin/audit", "/admin/audit"],
      [auditorRead, "GET", "/admin/audit", "/admin/audit?from=soon"],
      [auditorRead, "GET", "/admin/jobs", "/admin/jobs"],
      [member, "GET", "/admin/jobs", "/admin/jobs"],
      [adminRead, "GET", "/me", "/me"],
    ];
    for (const [token, method, path, url] of calls) {
      const answer = await callApiJson(token, "GET", url);
      expect(undocumentedAnswer(method, path, answer), `${method} ${url} → ${answer.status}`).toBeNull();
    }
  });
});
