import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb } from "@/db/client";
import { insertJob } from "@/db/queries/job-queue";
import { type Vm, vms } from "@/db/schema";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { cancelJob } from "@/lib/jobs/job-controls";
import { renewOwnedLease } from "@/lib/leases/renew-lease";
import { LIVE_CHANNEL, reportVmProgress } from "@/lib/live/portal-changes";
import { isClusterWatched } from "@/lib/live/status-poller";
import { setUserDisabledBy } from "@/lib/users/disable-user";
import { withLiveState } from "@/lib/vms/live-state";
import { powerOwnedVm } from "@/lib/vms/operate-vm";
import { recordVmEvent } from "@/lib/vms/vm-timeline";
import { createTestVm } from "../helpers/fixtures";
import { type LiveReader, openLiveEvents, vmMessage } from "../helpers/live-events";
import { createUserWithSession, type TestUser } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";
import { waitFor } from "../helpers/wait-for";

// Read by the portal's configuration on first use: a short status period for the tests.
const PERIOD_MS = 400;
process.env.ROOST_STATUS_PERIOD_MS = String(PERIOD_MS);

const resourceCalls: number[] = [];
const cluster = setUpClusterTestbed({
  sim: {
    onExchange: (exchange) => {
      if (exchange.path === "/cluster/resources") resourceCalls.push(Date.now());
    },
  },
});

type Person = TestUser & { token: string };
let alice: Person;
let bob: Person;
let admin: Person;
let aliceVm: Vm;
let bobVm: Vm;
const open: LiveReader[] = [];

async function cloneRunning(vmid: number, name: string, owner: string) {
  const { client: pve } = cluster;
  await pve.createPool(`roost-${owner}`);
  const pool = `roost-${owner}`;
  await pve.tasks.wait(await pve.qemu.clone("pve1", 9000, { newid: vmid, name, pool }), {
    initialDelayMs: 20,
  });
  await pve.tasks.wait(await pve.qemu.power("pve1", vmid, "start"), { initialDelayMs: 20 });
}

async function stopOutsideThePortal(vmid: number) {
  await cluster.admin.tasks.wait(await cluster.admin.qemu.power("pve1", vmid, "stop"), {
    initialDelayMs: 20,
  });
}

async function nextResourceCall() {
  const seen = resourceCalls.length;
  while (resourceCalls.length === seen) await new Promise((resolve) => setTimeout(resolve, PERIOD_MS / 8));
}

async function live(person: Person | null, query?: string) {
  const reader = await openLiveEvents(person, query);
  open.push(reader);
  return reader;
}

beforeAll(async () => {
  alice = await createUserWithSession("alice", "member");
  bob = await createUserWithSession("bob", "member");
  admin = await createUserWithSession("root", "admin");
  await cloneRunning(301, "alice-web", "alice");
  await cloneRunning(302, "bob-db", "bob");
  const lease = { leaseExpiresAt: new Date(Date.now() + 3 * 86_400_000) };
  const placed = { clusterId: "sim", node: "pve1", state: "running" as const, ...lease };
  aliceVm = await createTestVm({ ...placed, ownerId: alice.id, name: "alice-web", vmid: 301 });
  bobVm = await createTestVm({ ...placed, ownerId: bob.id, name: "bob-db", vmid: 302 });
});
afterAll(() => {
  for (const reader of open) reader.close();
});

describe("live state on /api/live", () => {
  it("a person's stream carries their own VMs' changes and never another person's VM", async () => {
    const aliceLive = await live(alice);
    const bobLive = await live(bob);
    expect(aliceLive.status).toBe(200);
    const snapshot = await aliceLive.next((message) => message.event === "snapshot");
    expect((snapshot.data as { vms: { id: string; live: string }[] }).vms).toEqual([
      expect.objectContaining({ id: aliceVm.id, name: "alice-web", live: "running" }),
    ]);

    // Bob's VM changes first, on Proxmox and in the portal; then Alice's. Events reach a process's streams
    // in order, so once Alice hears of her own VM she has been offered everything about Bob's.
    await stopOutsideThePortal(302);
    await bobLive.next(vmMessage(bobVm.id, (view) => view.live === "stopped"));
    await renewOwnedLease(bobVm.id, bob, { id: bob.id, label: "bob" });
    await bobLive.next(
      vmMessage(bobVm.id, (view) => view.leaseExpiresAt !== bobVm.leaseExpiresAt?.toISOString()),
    );
    await stopOutsideThePortal(301);
    await aliceLive.next(vmMessage(aliceVm.id, (view) => view.live === "stopped"));

    expect(aliceLive.text()).not.toContain(bobVm.id);
    expect(aliceLive.text()).not.toContain("bob-db");
    expect(bobLive.text()).not.toContain(aliceVm.id);
    expect(aliceLive.messages.every((message) => message.event !== "removed")).toBe(true);
  });

  it("a renewal reaches the owner's open pages as it is made", async () => {
    const aliceLive = await live(alice);
    await aliceLive.next((message) => message.event === "snapshot");
    const until = await renewOwnedLease(aliceVm.id, alice, { id: alice.id, label: "alice" });
    const message = await aliceLive.next(
      vmMessage(aliceVm.id, (view) => view.leaseExpiresAt === until.toISOString()),
    );
    expect(message.data).toMatchObject({ id: aliceVm.id, state: "running" });
  });

  it("asks each cluster for its resources once per period, however many streams are open", async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        live([alice, bob, admin][index % 3]!, index % 3 === 2 ? "scope=admin" : undefined),
      ),
    );
    await Promise.all(open.map((reader) => reader.next((message) => message.event === "snapshot")));
    const from = resourceCalls.length;
    await cluster.admin.tasks.wait(await cluster.admin.qemu.power("pve1", 301, "start"), {
      initialDelayMs: 20,
    });
    await Promise.all(
      open
        .filter((reader) => reader.text().includes(aliceVm.id))
        .map((reader) => reader.next(vmMessage(aliceVm.id, (view) => view.live === "running"))),
    );
    while (resourceCalls.length < from + 5)
      await new Promise((resolve) => setTimeout(resolve, PERIOD_MS / 4));
    const calls = resourceCalls.slice(from, from + 5);
    // Five calls spread over four periods: a poller per stream would have made them all at once.
    expect(calls.at(-1)! - calls[0]!).toBeGreaterThanOrEqual(4 * PERIOD_MS * 0.75);
  });

  it("page renders and power actions while streams are open cost no read beyond the poller's one per period", async () => {
    const aliceLive = await live(alice);
    await aliceLive.next((message) => message.event === "snapshot");
    await nextResourceCall();
    const from = resourceCalls.length - 1;
    const render = () => withLiveState([aliceVm, bobVm]);
    const actor = { id: alice.id, label: "alice" };
    for (const action of ["stop", "start"] as const) {
      await Promise.all(Array.from({ length: 10 }, render));
      const expected = action === "stop" ? "stopped" : "running";
      await powerOwnedVm({ vmId: aliceVm.id, person: alice, action, actor });
      // What a server action's re-render asks right after the task, and what the visitor's pages ask.
      const { vms } = await render();
      expect(vms.find((vm) => vm.id === aliceVm.id)?.live).toBe(expected);
      await aliceLive.next(vmMessage(aliceVm.id, (view) => view.live === expected));
    }
    await Promise.all(Array.from({ length: 10 }, render));
    await nextResourceCall();
    await nextResourceCall();
    const calls = resourceCalls.slice(from);
    // Every read the window saw was a poll, each a period after the one before: none for the pages.
    const gaps = calls.slice(1).map((at, index) => at - calls[index]!);
    expect(gaps.filter((gap) => gap < PERIOD_MS * 0.9)).toEqual([]);
  });

  it("a fresh read an action made is the period's poll: the poller's next read comes a period after it", async () => {
    const aliceLive = await live(alice);
    await aliceLive.next((message) => message.event === "snapshot");
    await nextResourceCall();
    await new Promise((resolve) => setTimeout(resolve, PERIOD_MS / 2));
    // As placing a VM or resolving a moved one reads past the cache.
    await (await getProxmoxClient("sim")).resources.get({ maxAgeMs: 0 });
    const freshAt = resourceCalls.at(-1)!;
    await nextResourceCall();
    expect(resourceCalls.at(-1)! - freshAt).toBeGreaterThanOrEqual(PERIOD_MS * 0.9);
  });

  it("an admin stream is for admins and auditors only, and bad parameters are refused with a reason", async () => {
    const refused = await live(alice, "scope=admin");
    expect(refused.status).toBe(403);
    expect((await live(alice, "scope=everyone")).status).toBe(400);
    expect((await live(alice, "vm=../etc")).status).toBe(400);
    expect((await live(null)).status).toBe(401);
    const adminLive = await live(admin, "scope=admin");
    const snapshot = await adminLive.next((message) => message.event === "snapshot");
    expect((snapshot.data as { vms: { id: string }[] }).vms.map((vm) => vm.id).sort()).toEqual(
      [aliceVm.id, bobVm.id].sort(),
    );
    const ownOnly = await live(admin);
    const own = await ownOnly.next((message) => message.event === "snapshot");
    expect((own.data as { vms: unknown[] }).vms).toEqual([]);
  });

  it("a VM's page can follow that VM alone", async () => {
    const page = await live(alice, `vm=${aliceVm.id}`);
    const snapshot = await page.next((message) => message.event === "snapshot");
    expect((snapshot.data as { vms: { id: string }[] }).vms.map((vm) => vm.id)).toEqual([aliceVm.id]);
    const elsewhere = await live(alice, `vm=${bobVm.id}`);
    const none = await elsewhere.next((message) => message.event === "snapshot");
    expect((none.data as { vms: unknown[] }).vms).toEqual([]);
  });

  it("the admin jobs page hears job states; members cannot follow jobs", async () => {
    expect((await live(alice, "scope=admin&topic=jobs")).status).toBe(403);
    expect((await live(alice, "topic=jobs")).status).toBe(400);
    const jobsLive = await live(admin, "scope=admin&topic=jobs");
    await jobsLive.next((message) => message.event === "snapshot");
    const { job } = await insertJob({
      job: { functionId: "provision-vm", eventName: "app/vm.provision-requested", maxAttempts: 4 },
    });
    await cancelJob({ id: job.id });
    const message = await jobsLive.next(
      (seen) => seen.event === "job" && (seen.data as { id: string }).id === job.id,
    );
    expect(message.data).toMatchObject({ state: "cancelled", functionId: "provision-vm" });
    expect(JSON.stringify(message.data)).not.toContain("payload");
    const vmsOnly = open.find((reader) => reader.text().includes(aliceVm.id));
    expect(vmsOnly?.text()).not.toContain(job.id);
  });

  it("carries a VM's progress line to its page as it is written", async () => {
    const page = await live(alice, `vm=${aliceVm.id}`);
    await page.next((message) => message.event === "snapshot");
    await reportVmProgress(aliceVm.id, { stateDetail: "Copying the template", progress: 42 });
    await page.next(
      vmMessage(aliceVm.id, (view) => view.stateDetail === "Copying the template" && view.progress === 42),
    );
    // A timeline line tells the page too (it reads the VM again): the record changed meanwhile.
    await getDb().update(vms).set({ stateDetail: "Starting" }).where(eq(vms.id, aliceVm.id));
    await recordVmEvent({
      vmId: aliceVm.id,
      kind: "started",
      message: "Started",
      actor: { id: null, label: "test" },
    });
    await page.next(vmMessage(aliceVm.id, (view) => view.stateDetail === "Starting"));
  });

  it.runIf(process.env.DATABASE_URL)("hears a change another replica announces with NOTIFY", async () => {
    const aliceLive = await live(alice);
    await aliceLive.next((message) => message.event === "snapshot");
    const handle = getDatabaseHandle();
    if (handle.driver !== "postgres") throw new Error("expected PostgreSQL");
    const [{ name }] = (await handle.client`select current_database() as name`) as unknown as [
      { name: string },
    ];
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const replica = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await replica`update vms set state_detail = 'Moved by the other replica' where id = ${aliceVm.id}`;
      await replica.notify(LIVE_CHANNEL, JSON.stringify({ type: "vm", id: aliceVm.id }));
      await aliceLive.next(
        vmMessage(aliceVm.id, (view) => view.stateDetail === "Moved by the other replica"),
      );
    } finally {
      await replica.end();
    }
  });

  it("a disabled person's streams end", async () => {
    const bobLive = await live(bob);
    await bobLive.next((message) => message.event === "snapshot");
    await setUserDisabledBy({ id: admin.id, label: "root" }, { userId: bob.id, disabled: true });
    await bobLive.ended;
    expect(bobLive.messages.at(-1)?.event).not.toBe("error");
  });

  it("stops polling a cluster when its last stream goes", async () => {
    await live(alice);
    expect(isClusterWatched("sim")).toBe(true);
    for (const reader of open) reader.close();
    // The property is the server's: every closed tab released its watch, so the poller stopped.
    await waitFor("the status poller to stop", () => !isClusterWatched("sim"));
  });

  it("hears a tab go even after the tab's Request object was garbage-collected", async () => {
    const reader = await live(alice);
    await reader.next((message) => message.event === "snapshot");
    expect(isClusterWatched("sim")).toBe(true);
    // undici's Request passes its caller's abort on through a weak reference; collect what we can.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    for (let round = 0; round < 5; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    reader.close();
    await waitFor("the status poller to stop", () => !isClusterWatched("sim"));
  });
});
