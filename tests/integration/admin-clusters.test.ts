import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { getClusterById, updateCluster } from "@/db/queries/clusters";
import { vms } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { freePort } from "@/scripts/free-port";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestCluster, createTestVm } from "../helpers/fixtures";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";

vi.hoisted(() => {
  process.env.ROOST_SECRET_KEY = "integration-test-key-of-at-least-32-characters";
});

const actions = () => import("@/app/(portal)/admin/clusters/actions");

let database: TestDatabase;
let sim: TestCluster;
let admin: TestUser & { token: string };

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startTestCluster();
  admin = await createUserWithSession("ada", "admin");
});
afterAll(async () => {
  await sim.close();
  await database.drop();
});

function baseSettings() {
  return {
    name: "Lab",
    apiUrls: [sim.sim.url],
    tokenId: sim.tokenId,
    tokenSecret: sim.tokenSecret,
    tls: "fingerprint" as const,
    fingerprint: sim.sim.fingerprint,
    caPem: "",
  };
}

/** The simulator's settings as an admin would type them, with some changed. */
function settings<T extends object>(overrides: T = {} as T): ReturnType<typeof baseSettings> & T {
  return { ...baseSettings(), ...overrides };
}

async function addCluster(name: string): Promise<string> {
  const { createClusterAction } = await actions();
  actAs(admin);
  const result = await createClusterAction(settings({ name }));
  if (!result.ok) throw new Error(result.error);
  return result.data.id;
}

describe("adding a cluster", () => {
  it("stores it with its secret encrypted, and audits the change", async () => {
    const id = await addCluster("Lab West");
    expect(id).toBe("lab-west");
    const row = await getClusterById({ id });
    expect(row).toMatchObject({ name: "Lab West", apiUrls: [sim.sim.url], fingerprint: sim.sim.fingerprint });
    expect(row!.tokenSecretEncrypted).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(row!.tokenSecretEncrypted).not.toContain(sim.tokenSecret);
  });

  it("refuses a cluster without a secret, an http URL or a malformed fingerprint", async () => {
    const { createClusterAction } = await actions();
    actAs(admin);
    expect(await createClusterAction(settings({ tokenSecret: "" }))).toMatchObject({
      ok: false,
      status: 400,
    });
    const invalid = await createClusterAction(
      settings({ apiUrls: ["http://pve.example.org:8006"], fingerprint: "AB:CD" }),
    );
    expect(invalid).toMatchObject({ ok: false, status: 400 });
    expect(invalid.ok === false && Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual([
      "apiUrls",
      "fingerprint",
    ]);
  });
});

describe("testing the connection", () => {
  it("shows the simulator's version and its nodes", async () => {
    const { testClusterConnectionAction } = await actions();
    actAs(admin);
    const nodes = (await sim.client.nodes()).map((node) => node.node).sort();
    const result = await testClusterConnectionAction(settings());
    expect(result).toEqual({
      ok: true,
      data: {
        reachable: true,
        version: (await sim.client.version()).version,
        release: expect.any(String),
        nodes: nodes.map((name) => ({ name, online: true })),
        missingPrivileges: [],
      },
    });
  });

  it("names each privilege the token lacks, on which path, and the pveum commands that grant it", async () => {
    const { testClusterConnectionAction } = await actions();
    actAs(admin);
    // A token made as the guide says, but whose user was given no ACL: Proxmox's token ∩ user leaves it nothing.
    const bare = await sim.admin.access.createToken("roost@pve", "bare", { privsep: true });
    await sim.admin.access.modifyAcl({ path: "/", roles: ["PVEAuditor"], tokens: [bare.fullTokenId] });
    const result = await testClusterConnectionAction(
      settings({ tokenId: bare.fullTokenId, tokenSecret: bare.secret }),
    );
    expect(result).toMatchObject({ ok: true, data: { reachable: true } });
    const gaps = (
      result as { data: { missingPrivileges: { path: string; missing: string[]; fix: string[] }[] } }
    ).data.missingPrivileges;
    const pool = gaps.find((gap) => gap.path === "/pool/roost-");
    expect(pool?.missing).toEqual(expect.arrayContaining(["VM.Allocate", "Pool.Allocate", "VM.PowerMgmt"]));
    expect(pool?.missing).not.toContain("VM.Audit");
    expect(pool?.fix).toContain(
      `pveum acl modify /pool --users roost@pve --tokens '${bare.fullTokenId}' --roles RoostPortal`,
    );
    expect(gaps.find((gap) => gap.path === "/storage/local-lvm")?.missing).toEqual([
      "Datastore.AllocateSpace",
    ]);
  });

  it("explains a certificate that is not the pinned one, a wrong secret and an unreachable cluster", async () => {
    const { testClusterConnectionAction } = await actions();
    actAs(admin);
    const tls = await testClusterConnectionAction(settings({ fingerprint: `${"AB:".repeat(31)}AB` }));
    expect(tls).toMatchObject({
      ok: true,
      data: { reachable: false, problem: expect.stringMatching(/certificate/) },
    });
    const auth = await testClusterConnectionAction(settings({ tokenSecret: "not-the-secret" }));
    expect(auth).toMatchObject({
      ok: true,
      data: { reachable: false, problem: expect.stringMatching(/refused the API token/) },
    });
    const closed = await testClusterConnectionAction(
      settings({ apiUrls: [`https://127.0.0.1:${await freePort()}`] }),
    );
    expect(closed).toMatchObject({
      ok: true,
      data: { reachable: false, problem: expect.stringMatching(/unreachable/) },
    });
  });

  it("uses the stored secret when the field is left empty", async () => {
    const { testClusterConnectionAction } = await actions();
    actAs(admin);
    const result = await testClusterConnectionAction(settings({ tokenSecret: "", clusterId: "lab-west" }));
    expect(result).toMatchObject({ ok: true, data: { reachable: true } });
    expect(await testClusterConnectionAction(settings({ tokenSecret: "" }))).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe("the client registry", () => {
  it("builds a client for a stored cluster from its decrypted secret and lists its resources", async () => {
    const client = await getProxmoxClient("lab-west");
    const resources = await client.resources.get({ maxAgeMs: 0 });
    expect(resources.filter((resource) => resource.type === "node").length).toBe(
      (await sim.client.nodes()).length,
    );
    expect(await getProxmoxClient("lab-west")).toBe(client);
  });

  it("picks up a change another portal process saved within seconds", async () => {
    const cached = await getProxmoxClient("lab-west");
    await updateCluster({ id: "lab-west", name: "Renamed elsewhere" });
    expect(await getProxmoxClient("lab-west")).toBe(cached);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    try {
      expect((await getProxmoxClient("lab-west")).cluster.name).toBe("Renamed elsewhere");
    } finally {
      vi.useRealTimers();
    }
  });

  it("says a cluster it does not know is not configured", async () => {
    await expect(getProxmoxClient("nowhere")).rejects.toThrow(/not configured/);
  });
});

describe("editing a cluster", () => {
  it("keeps the stored secret when none is typed, and the next request uses the new settings", async () => {
    const { updateClusterAction } = await actions();
    actAs(admin);
    const before = await getClusterById({ id: "lab-west" });
    const cached = await getProxmoxClient("lab-west");
    const result = await updateClusterAction(
      settings({ clusterId: "lab-west", name: "Lab West 2", tokenSecret: "" }),
    );
    expect(result).toEqual({ ok: true, data: { id: "lab-west", secretReplaced: false } });
    const after = await getClusterById({ id: "lab-west" });
    expect(after).toMatchObject({ name: "Lab West 2", tokenSecretEncrypted: before!.tokenSecretEncrypted });
    const rebuilt = await getProxmoxClient("lab-west");
    expect(rebuilt).not.toBe(cached);
    expect(rebuilt.cluster.name).toBe("Lab West 2");
    await expect(rebuilt.version()).resolves.toMatchObject({ version: expect.any(String) });
  });

  it("replaces the secret when a new one is typed", async () => {
    const { updateClusterAction } = await actions();
    actAs(admin);
    const wrong = await updateClusterAction(
      settings({ clusterId: "lab-west", tokenSecret: "a-wrong-secret" }),
    );
    expect(wrong).toEqual({ ok: true, data: { id: "lab-west", secretReplaced: true } });
    await expect((await getProxmoxClient("lab-west")).version()).rejects.toMatchObject({ kind: "auth" });
    await updateClusterAction(settings({ clusterId: "lab-west" }));
    await expect((await getProxmoxClient("lab-west")).version()).resolves.toBeTruthy();
  });

  it("leaves the environment's cluster alone: it is read-only here", async () => {
    const { removeClusterAction, updateClusterAction } = await actions();
    await createTestCluster("default");
    actAs(admin);
    expect(await updateClusterAction(settings({ clusterId: "default" }))).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/configured by the environment/),
    });
    expect(await removeClusterAction({ clusterId: "default" })).toMatchObject({ ok: false, status: 409 });
    const page = (await import("@/app/(portal)/admin/clusters/[clusterId]/page")).default;
    const rendered = JSON.stringify(await page({ params: Promise.resolve({ clusterId: "default" }) }));
    expect(rendered).toContain("Configured by the environment");
    // No form or remove button is handed this cluster.
    expect(rendered).not.toContain('"clusterId":"default"');
  });
});

describe("the requests in flight per node", () => {
  const burst = async (clusterId: string) => {
    const client = await getProxmoxClient(clusterId);
    sim.sim.setFaults({ latency: [{ path: "^/nodes/", ms: 15 }] });
    sim.sim.inFlight.reset();
    await Promise.all(Array.from({ length: 40 }, () => client.nodeStatus("pve2")));
    sim.sim.setFaults({ latency: [] });
    return sim.sim.inFlight.maxPerNode().pve2;
  };

  it("are pveproxy's three unless an admin sets another number, which the portal's client then keeps", async () => {
    const { createClusterAction, updateClusterAction } = await actions();
    const id = await addCluster("Lab Limits");
    expect(await burst(id)).toBe(3);
    actAs(admin);
    expect(
      await updateClusterAction(settings({ clusterId: id, name: "Lab Limits", nodeConcurrency: "6" })),
    ).toMatchObject({ ok: true });
    expect(await burst(id)).toBe(6);
    const added = await createClusterAction(settings({ name: "Lab Narrow", nodeConcurrency: 1 }));
    expect(added.ok && (await burst(added.data.id))).toBe(1);
  });

  it("refuses a limit that would let nothing through or is not a whole number, naming the field", async () => {
    const { createClusterAction } = await actions();
    actAs(admin);
    for (const nodeConcurrency of [0, 2.5, 33, "many"]) {
      const refused = await createClusterAction(settings({ name: "Lab Bad", nodeConcurrency }));
      expect(refused).toMatchObject({ ok: false, status: 400 });
      expect(refused.ok === false && Object.keys(refused.fieldErrors ?? {})).toEqual(["nodeConcurrency"]);
    }
  });
});

describe("removing a cluster", () => {
  it("is refused while a VM record uses it, and done once none does", async () => {
    const { removeClusterAction } = await actions();
    const id = await addCluster("Short Lived");
    const vm = await createTestVm({ ownerId: admin.id, clusterId: id });
    actAs(admin);
    expect(await removeClusterAction({ clusterId: id })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/still has 1 VM in the portal/),
    });
    await getDb().update(vms).set({ state: "deleted", deletedAt: new Date() }).where(eq(vms.id, vm.id));
    expect(await removeClusterAction({ clusterId: id })).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/records of 1 deleted VM/),
    });
    await getDb().delete(vms).where(eq(vms.id, vm.id));
    expect(await removeClusterAction({ clusterId: id })).toEqual({ ok: true, data: { id } });
    expect(await getClusterById({ id })).toBeNull();
    await expect(getProxmoxClient(id)).rejects.toThrow(/not configured/);
  });
});

it("an unknown cluster page is not found", async () => {
  const page = (await import("@/app/(portal)/admin/clusters/[clusterId]/page")).default;
  actAs(admin);
  await expect(
    page({ params: Promise.resolve({ clusterId: randomBytes(4).toString("hex") }) }),
  ).rejects.toMatchObject({
    digest: expect.stringContaining("404"),
  });
});
