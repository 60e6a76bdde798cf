import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clusters } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { log, watchLogLines } from "@/lib/log";
import { importApp } from "../helpers/app-surface";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { actAs, createUserWithSession } from "../helpers/session";

vi.hoisted(() => {
  process.env.ROOST_SECRET_KEY = "integration-test-key-of-at-least-32-characters";
});

let database: TestDatabase;
let sim: TestCluster;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startTestCluster();
});
afterAll(async () => {
  await sim.close();
  await database.drop();
});

/** Everything reachable from a value, as text: a rendered page's props, an action's result, a row. */
function serialize(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === "object" && item !== null) {
      if (seen.has(item)) return undefined;
      seen.add(item);
    }
    return typeof item === "bigint" ? String(item) : item;
  });
}

it("a cluster's token secret appears in no page, action result, log line or audit event", async () => {
  const lines: string[] = [];
  const stopWatching = watchLogLines((line) => lines.push(line));
  const seen: string[] = [];
  const secret = sim.tokenSecret;
  const replacement = `replacement-${randomBytes(12).toString("hex")}`;
  const typedForTest = `typed-${randomBytes(12).toString("hex")}`;
  const admin = await createUserWithSession("ada", "admin");
  const auditor = await createUserWithSession("otto", "auditor");
  const member = await createUserWithSession("mia", "member");
  const actions = await import("@/app/(portal)/admin/clusters/actions");
  const form = {
    name: "Leak check",
    apiUrls: [sim.sim.url],
    tokenId: sim.tokenId,
    tls: "fingerprint" as const,
    fingerprint: sim.sim.fingerprint,
    caPem: "",
  };
  const call = async <T>(result: Promise<T>) => {
    const value = await result;
    seen.push(serialize(value));
    return value;
  };

  try {
    actAs(admin);
    const created = await call(actions.createClusterAction({ ...form, tokenSecret: secret }));
    if (!created.ok) throw new Error(created.error);
    const clusterId = created.data.id;
    await call(actions.testClusterConnectionAction({ ...form, tokenSecret: secret }));
    await call(actions.testClusterConnectionAction({ ...form, tokenSecret: "", clusterId }));
    await call(actions.testClusterConnectionAction({ ...form, tokenSecret: typedForTest, clusterId }));
    await call(actions.updateClusterAction({ ...form, tokenSecret: replacement, clusterId }));
    await call(actions.testClusterConnectionAction({ ...form, tokenSecret: "", clusterId }));
    await expect((await getProxmoxClient(clusterId)).version()).rejects.toMatchObject({ kind: "auth" });
    await call(
      actions.updateClusterAction({ ...form, name: "Leak check 2", tokenSecret: secret, clusterId }),
    );
    await expect((await getProxmoxClient(clusterId)).version()).resolves.toBeTruthy();
    await call(actions.createClusterAction({ ...form, apiUrls: ["http://plain"], tokenSecret: secret }));
    for (const caller of [auditor, member]) {
      actAs(caller);
      await call(actions.updateClusterAction({ ...form, tokenSecret: secret, clusterId }));
      await call(actions.createClusterAction({ ...form, tokenSecret: secret }));
    }

    for (const viewer of [admin, auditor]) {
      actAs(viewer);
      const pages = [
        ["app/(portal)/admin/clusters/page.tsx", {}],
        ["app/(portal)/admin/clusters/new/page.tsx", {}],
        ["app/(portal)/admin/clusters/[clusterId]/page.tsx", { clusterId }],
      ] as const;
      for (const [file, params] of pages) {
        const page = (await importApp(file)).default as (props: unknown) => Promise<unknown>;
        seen.push(
          serialize(await page({ params: Promise.resolve(params), searchParams: Promise.resolve({}) })),
        );
      }
    }
    log.info({ tokenSecret: secret, clusterId }, "capture check");
  } finally {
    stopWatching();
  }

  const audit = serialize(await getDb().select().from(auditEvents));
  const stored = serialize(await getDb().select().from(clusters));
  const logged = lines.join("\n");

  // The checks below would pass vacuously if nothing had been captured.
  expect(seen.join("\n")).toContain("Leak check 2");
  expect(audit).toContain("cluster.update");
  expect(audit).toContain('"secretReplaced":true');
  expect(logged).toContain("cluster settings changed");
  expect(logged).toContain("capture check");

  for (const value of [secret, replacement, typedForTest]) {
    expect(seen.join("\n")).not.toContain(value);
    expect(audit).not.toContain(value);
    expect(logged).not.toContain(value);
    expect(stored).not.toContain(value);
  }
});
