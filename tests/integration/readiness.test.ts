import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { installProxmoxClient } from "@/lib/clusters/client-registry";
import { checkReadiness } from "@/lib/health/readiness";
import { ProxmoxClient } from "@/lib/proxmox";
import { freePort } from "@/scripts/free-port";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;

beforeAll(async () => {
  [database, cluster] = await Promise.all([createTestDatabase(), startTestCluster()]);
});
afterAll(async () => {
  installProxmoxClient("sim", undefined);
  await Promise.all([database.drop(), cluster.close()]);
});

function sources(overrides: Partial<Parameters<typeof checkReadiness>[0]> = {}) {
  return {
    database: database.handle,
    migrationsFolder: migrationsFolder(),
    clusters: [{ id: "sim", client: cluster.client }],
    ...overrides,
  };
}

/** This build's migrations plus one the database has never seen, as after deploying a newer image. */
function folderWithNewerMigration(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "roost-migrations-"));
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8"));
  journal.entries.push({ idx: journal.entries.length, version: "7", when: Date.now(), tag: "9999_next" });
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("readiness (/api/ready)", () => {
  it("is ready when the database answers, every migration ran and the cluster answers", async () => {
    const readiness = await checkReadiness(sources());
    expect(readiness.ready).toBe(true);
    expect(readiness.failed).toEqual([]);
    expect(readiness.migrations).toMatchObject({ ok: true, pending: [] });
    expect(readiness.migrations.applied).toBe(readiness.migrations.expected);
    expect(readiness.clusters).toEqual([expect.objectContaining({ id: "sim", ok: true })]);
  });

  it("is not ready while a migration of this build is still pending, and names it", async () => {
    const folder = folderWithNewerMigration();
    try {
      const readiness = await checkReadiness(sources({ migrationsFolder: folder }));
      expect(readiness.ready).toBe(false);
      expect(readiness.failed).toEqual(["migrations"]);
      expect(readiness.migrations.pending).toEqual(["9999_next"]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("is not ready when a cluster does not answer, and says which", async () => {
    const dead = new ProxmoxClient(
      { ...cluster.client.cluster, id: "lab-b", apiUrls: [`https://127.0.0.1:${await freePort()}`] },
      { readRetries: 0 },
    );
    const readiness = await checkReadiness(
      sources({
        clusters: [
          { id: "sim", client: cluster.client },
          { id: "lab-b", client: dead },
        ],
      }),
    );
    expect(readiness.ready).toBe(false);
    expect(readiness.failed).toEqual(["cluster:lab-b"]);
    expect(readiness.clusters.find((entry) => entry.id === "lab-b")?.error).toMatch(/Cannot reach Proxmox/);
    dead.close();
  });

  it("is not ready when the database cannot be reached, without showing its URL", async () => {
    const unreachable = openDatabase({
      url: `postgres://roost:hunter2-password@127.0.0.1:${await freePort()}/roost`,
    });
    try {
      const readiness = await checkReadiness(sources({ database: unreachable, timeoutMs: 2000 }));
      expect(readiness.ready).toBe(false);
      expect(readiness.failed).toEqual(expect.arrayContaining(["database", "migrations"]));
      expect(JSON.stringify(readiness)).not.toContain("hunter2");
    } finally {
      await unreachable.close();
    }
  });

  it("answers 200 from the route when ready and 503 when not, naming the failed check to an admin", async () => {
    installProxmoxClient("sim", cluster.client);
    const { GET } = await import("@/app/api/ready/route");
    const admin = await createUserWithSession("ops", "admin");
    actAs(admin);
    const ready = await GET(new Request("http://portal/api/ready"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, failed: [] });

    const stopped = await startTestCluster();
    await stopped.sim.close();
    installProxmoxClient("sim", stopped.client);
    const notReady = await GET(new Request("http://portal/api/ready"));
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ready: false, failed: ["cluster:sim"] });
    stopped.client.close();
    actAs(null);
  });

  it("tells anonymous callers and members only whether it is ready: no addresses, versions or ids", async () => {
    const stopped = await startTestCluster();
    await stopped.sim.close();
    installProxmoxClient("sim", stopped.client);
    const { GET } = await import("@/app/api/ready/route");
    try {
      for (const caller of [null, await createUserWithSession("mo", "member")]) {
        actAs(caller);
        const response = await GET(new Request("http://portal/api/ready"));
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ ready: false });
      }
      actAs(null);
      const wrongToken = await GET(
        new Request("http://portal/api/ready", { headers: { authorization: "Bearer not-the-token" } }),
      );
      expect(await wrongToken.json()).toEqual({ ready: false });
    } finally {
      installProxmoxClient("sim", cluster.client);
      stopped.client.close();
    }
  });

  it("gives the metrics token's bearer the details, as it gives an admin", async () => {
    process.env.ROOST_METRICS_TOKEN = "ready-details-token-0123456789";
    vi.resetModules();
    installProxmoxClient("sim", cluster.client);
    const { GET } = await import("@/app/api/ready/route");
    const response = await GET(
      new Request("http://portal/api/ready", {
        headers: { authorization: "Bearer ready-details-token-0123456789" },
      }),
    );
    expect(await response.json()).toMatchObject({
      ready: true,
      clusters: [expect.objectContaining({ id: "sim", version: expect.any(String) })],
    });
  });

  it("is not ready while the cluster's token lacks a privilege, and names it, its path and the fix to an admin", async () => {
    const { PORTAL_ROLE, portalPrivileges } = await import("@/lib/proxmox/portal-access");
    const { clusterPrivilegeReport } = await import("@/lib/clusters/privilege-report");
    const all = portalPrivileges(9);
    await cluster.admin.access.updateRole(
      PORTAL_ROLE,
      all.filter((privilege) => privilege !== "VM.Console"),
    );
    try {
      const readiness = await checkReadiness(sources({ privileges: clusterPrivilegeReport }));
      expect(readiness).toMatchObject({ ready: false, failed: ["cluster:sim"] });
      const [sim] = readiness.clusters;
      expect(sim!.error).toMatch(/lacks VM\.Console/);
      expect(sim!.missingPrivileges).toEqual([
        expect.objectContaining({
          path: "/pool/roost-",
          missing: ["VM.Console"],
          fix: expect.arrayContaining([
            expect.objectContaining({ kind: "acl-modify", path: "/pool", tokens: [cluster.tokenId] }),
          ]),
        }),
      ]);
    } finally {
      await cluster.admin.access.updateRole(PORTAL_ROLE, all);
    }
    expect((await checkReadiness(sources({ privileges: clusterPrivilegeReport }))).ready).toBe(true);
  });

  it("counts a token that can see nothing as not ready, though GET /version still answers", async () => {
    const { clusterPrivilegeReport } = await import("@/lib/clusters/privilege-report");
    const blind = await cluster.admin.access.createToken("roost@pve", "blind", { privsep: true });
    const client = new ProxmoxClient({
      ...cluster.client.cluster,
      tokenId: blind.fullTokenId,
      tokenSecret: blind.secret,
    });
    try {
      expect(await client.version()).toMatchObject({ release: "9.1" });
      const readiness = await checkReadiness(
        sources({ clusters: [{ id: "sim", client }], privileges: clusterPrivilegeReport }),
      );
      expect(readiness.ready).toBe(false);
      expect(readiness.clusters[0]!.missingPrivileges!.map((gap) => gap.path)).toContain("/pool/roost-");
    } finally {
      client.close();
    }
  });
});
