import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { getUserById } from "@/db/queries/users";
import { insertWebhookEndpoint } from "@/db/queries/webhooks";
import { projects } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/action-result";
import { adminActionFiles, adminPageFiles, adminRouteFiles, importApp } from "../helpers/app-surface";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { createTestPool } from "../helpers/ipam";
import { setRequestHeaders } from "../helpers/request";
import { actAs, createUserWithSession } from "../helpers/session";
import { throughProxy } from "../helpers/through-proxy";

type Caller = Awaited<ReturnType<typeof createUserWithSession>> | null;
type Action = (input: unknown) => Promise<ActionResult<unknown>>;

let database: TestDatabase;
const people: Record<"member" | "auditor" | "admin", NonNullable<Caller>> = {} as never;
let memberVmId = "";
let poolId: string;
let endpointId: string;
let projectId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  people.member = await createUserWithSession("mia", "member");
  people.auditor = await createUserWithSession("otto", "auditor");
  people.admin = await createUserWithSession("ada", "admin");
  await createTestCluster();
  memberVmId = (await createTestVm({ ownerId: people.member.id, name: "mias-vm" })).id;
  poolId = (await createTestPool({ clusterId: "test-cluster", vlan: 10 })).pool.id;
  endpointId = (
    await insertWebhookEndpoint({
      url: "https://hooks.example.org/roost",
      eventTypes: ["vm.created"],
      secretSealed: "v1:unused:unused",
    })
  ).id;
  const [project] = await getDb()
    .insert(projects)
    .values({
      name: "Robotics",
      slug: "robotics",
      maxVms: 2,
      maxCores: 4,
      maxMemoryMb: 4096,
      maxDiskGb: 50,
      maxSnapshots: 2,
    })
    .returning();
  projectId = project!.id;
});
afterAll(() => database.drop());

/** Values for the dynamic segments of admin pages, so that each renders something real. */
function paramsFor(file: string): Record<string, string> {
  const segments = [...file.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
  const known: Record<string, string> = {
    userId: people.member.id,
    vmId: memberVmId,
    poolId,
    clusterId: "test-cluster",
    endpointId,
    projectId,
  };
  return Object.fromEntries(
    segments.map((segment) => {
      if (!known[segment]) throw new Error(`No test value for the [${segment}] segment of ${file}`);
      return [segment, known[segment]];
    }),
  );
}

async function renderPage(file: string) {
  const page = (await importApp(file)).default as (props: unknown) => Promise<unknown>;
  return page({ searchParams: Promise.resolve({}), params: Promise.resolve(paramsFor(file)) });
}

async function actionsIn(file: string): Promise<[string, Action][]> {
  const module = await importApp(file);
  return Object.entries(module).filter((entry): entry is [string, Action] => typeof entry[1] === "function");
}

describe("the admin surface is found on disk", () => {
  it("has pages and actions to check, so the matrix below cannot pass empty", () => {
    expect(adminPageFiles().length).toBeGreaterThanOrEqual(3);
    expect(adminActionFiles().length).toBeGreaterThanOrEqual(1);
  });
});

describe.each(adminPageFiles())("admin page %s", (file) => {
  it("is not found for anonymous visitors and members", async () => {
    for (const caller of [null, people.member]) {
      actAs(caller);
      await expect(renderPage(file)).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    }
  });

  it("renders for auditors and admins", async () => {
    for (const caller of [people.auditor, people.admin]) {
      actAs(caller);
      await expect(renderPage(file)).resolves.toBeTruthy();
    }
  });
});

describe.each(adminActionFiles())("admin actions in %s", (file) => {
  it("answer anonymous callers and members 404, and auditors 403, before reading input", async () => {
    const actions = await actionsIn(file);
    expect(actions.length).toBeGreaterThan(0);
    for (const [, action] of actions) {
      actAs(null);
      expect(await action({})).toMatchObject({ ok: false, status: 404 });
      actAs(people.member);
      expect(await action({})).toMatchObject({ ok: false, status: 404 });
      actAs(people.auditor);
      expect(await action({})).toMatchObject({ ok: false, status: 403 });
      actAs(people.admin);
      const result = await action({});
      expect(result.ok === false && [403, 404].includes(result.status)).toBe(false);
    }
  });
});

describe.each(adminRouteFiles())("admin route handler %s", (file) => {
  it("answers anonymous callers and members without data", async () => {
    const module = await importApp(file);
    for (const caller of [null, people.member]) {
      actAs(caller);
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = module[method] as ((request: Request) => Promise<Response>) | undefined;
        if (!handler) continue;
        const response = await handler(new Request("http://localhost/api/admin", { method }));
        expect([401, 403, 404]).toContain(response.status);
      }
    }
  });
});

// What a caller may send to pass for someone else: another event's id, markup, and made-up addresses.
const forgedId = "<b>forged</b> @SUM(1+1)";
const peer = "192.0.2.10";
function forgedHeaders(copyId: string | null, caller: Caller): Record<string, string> {
  return {
    "x-request-id": copyId ?? forgedId,
    "x-forwarded-for": "203.0.113.66",
    "x-roost-client-address": "6.6.6.6",
    "x-roost-upstream-request-id": forgedId,
    // Written by the server from the socket (lib/http/peer-address-hook.ts); here, the connection's peer.
    "x-roost-peer-address": peer,
    ...(caller ? { cookie: `authjs.session-token=${caller.token}` } : {}),
  };
}

describe.each(adminActionFiles())("admin actions in %s, with a forged request id and address", (file) => {
  it("record the portal's own request id and the connection's address in the audit log", async () => {
    const [[, action] = []] = await actionsIn(file);
    const copied = (await listAuditEvents({ limit: 1 }))[0]?.requestId ?? null;
    for (const [caller, copyId] of [
      [people.member, copied],
      [people.auditor, null],
    ] as const) {
      actAs(caller);
      const { response, forwarded } = await throughProxy(
        `http://localhost:3000/${file.split("/").slice(2, -1).join("/")}`,
        {
          method: "POST",
          headers: {
            ...forgedHeaders(copyId, caller),
            "next-action": "0",
            "content-type": "text/plain;charset=UTF-8",
          },
          body: "[{}]",
        },
      );
      // Members never reach an admin page's action; the proxy's 404 is the audit-free refusal.
      if (!forwarded) {
        expect(caller).toBe(people.member);
        expect(response.status).toBe(404);
        expect(response.headers.get("x-request-id")).not.toBe(copyId);
        continue;
      }
      setRequestHeaders(forwarded);
      try {
        const before = (await listAuditEvents({ limit: 1 }))[0]?.id ?? 0;
        expect(await action!({})).toMatchObject({ ok: false, status: 403 });
        const [event] = await listAuditEvents({ limit: 1 });
        expect(event!.id).toBeGreaterThan(before);
        expect(event!.requestId).toBe(response.headers.get("x-request-id"));
        expect(event!.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(event!.requestId).not.toBe(copyId);
        expect(event!.upstreamRequestId).toBeNull();
        expect(event!.clientAddress).toBe(peer);
      } finally {
        setRequestHeaders(null);
      }
    }
  });
});

describe("a request id a reverse proxy sends", () => {
  it("is recorded beside the portal's own when it is a short plain token, and the portal's id stays its own", async () => {
    const { setUserQuotaAction } = await import("@/app/(portal)/admin/users/actions");
    actAs(people.auditor);
    const { forwarded } = await throughProxy("http://localhost:3000/admin/users", {
      method: "POST",
      headers: {
        ...forgedHeaders("edge-7f3a9c.01", people.auditor),
        "next-action": "0",
        "content-type": "text/plain;charset=UTF-8",
      },
      body: "[{}]",
    });
    setRequestHeaders(forwarded);
    try {
      await setUserQuotaAction({} as never);
      const [event] = await listAuditEvents({ limit: 1 });
      expect(event).toMatchObject({ upstreamRequestId: "edge-7f3a9c.01", clientAddress: peer });
      expect(event!.requestId).not.toBe("edge-7f3a9c.01");
    } finally {
      setRequestHeaders(null);
    }
  });
});

describe.each(adminRouteFiles())("admin route handler %s, with a forged request id and address", (file) => {
  it("answers with the portal's own request id, and anonymous callers and members get no data", async () => {
    const module = await importApp(file);
    const path = `/${file
      .replace(/^app\//, "")
      .replace(/\/route\.ts$/, "")
      .replace(/\[(\w+)\]/g, "x")}`;
    for (const caller of [null, people.member]) {
      actAs(caller);
      const { response, forwarded } = await throughProxy(`http://localhost:3000${path}`, {
        headers: forgedHeaders(null, caller),
      });
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      if (!forwarded) {
        expect([401, 404]).toContain(response.status);
        continue;
      }
      expect(forwarded.get("x-request-id")).toBe(response.headers.get("x-request-id"));
      expect(forwarded.get("x-roost-client-address")).toBe(peer);
      expect(forwarded.get("x-roost-upstream-request-id")).toBeNull();
      setRequestHeaders(forwarded);
      try {
        const handler = module.GET as (request: Request) => Promise<Response>;
        expect([401, 403, 404]).toContain((await handler(new Request(`http://localhost${path}`))).status);
      } finally {
        setRequestHeaders(null);
      }
    }
  });
});

describe("the proxy's first gate", () => {
  it("covers paths that look like static files: a member asking for /admin/….png gets 404", async () => {
    for (const path of [
      "/admin/users/x.png",
      "/admin/vms/x.svg",
      "/admin/x.ico",
      "/admin/site.webmanifest",
    ]) {
      actAs(people.member);
      const { response, forwarded } = await throughProxy(`http://localhost:3000${path}`, {
        method: "POST",
        headers: { ...forgedHeaders(null, people.member), "next-action": "0", "content-type": "text/plain" },
        body: "[{}]",
      });
      expect(response.status, path).toBe(404);
      expect(forwarded).toBeNull();
    }
  });
});

describe("disabling a user", () => {
  it("only an admin can do it; members and auditors change nothing, and the refusals are audited", async () => {
    const { setUserDisabledAction } = await import("@/app/(portal)/admin/users/actions");
    const target = await createUserWithSession("target", "member");
    const deniedBefore = await listAuditEvents({ action: "user.set-disabled" });

    actAs(people.member);
    expect(await setUserDisabledAction({ userId: target.id, disabled: true })).toMatchObject({ status: 404 });
    actAs(people.auditor);
    expect(await setUserDisabledAction({ userId: target.id, disabled: true })).toMatchObject({ status: 403 });
    expect((await getUserById({ id: target.id }))?.disabled).toBe(false);

    const denied = (await listAuditEvents({ action: "user.set-disabled" })).slice(
      0,
      -deniedBefore.length || undefined,
    );
    expect(denied.map((event) => [event.actorLabel, event.result]).sort()).toEqual([
      ["mia", "denied"],
      ["otto", "denied"],
    ]);

    actAs(people.admin);
    expect(await setUserDisabledAction({ userId: target.id, disabled: true })).toEqual({
      ok: true,
      data: { disabled: true, stoppedVms: 0, notStopped: [] },
    });
    const [event] = await listAuditEvents({ action: "user.disable", targetId: target.id });
    expect(event).toMatchObject({ actorLabel: "ada", result: "success", clientAddress: "198.51.100.7" });
  });

  it("ends the user's access on their next request", async () => {
    const { getCurrentUser } = await import("@/lib/authz/current-user");
    const { setUserDisabledAction } = await import("@/app/(portal)/admin/users/actions");
    const victim = await createUserWithSession("victim", "member");

    actAs(victim);
    expect(await getCurrentUser()).toMatchObject({ id: victim.id });

    actAs(people.admin);
    await setUserDisabledAction({ userId: victim.id, disabled: true });

    actAs(victim);
    expect(await getCurrentUser()).toBeNull();
  });

  it("refuses an admin disabling their own account, and input that names nobody", async () => {
    const { setUserDisabledAction } = await import("@/app/(portal)/admin/users/actions");
    actAs(people.admin);
    expect(await setUserDisabledAction({ userId: people.admin.id, disabled: true })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await setUserDisabledAction({ userId: "", disabled: true })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await setUserDisabledAction({ userId: "no-such-user", disabled: true })).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});
