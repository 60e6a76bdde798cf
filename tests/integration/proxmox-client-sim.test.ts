import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSshKeys, ProxmoxClient, ProxmoxError } from "@/lib/proxmox";
import { freePort } from "@/scripts/free-port";
import { sshKeys } from "../fixtures/ssh-keys";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";

let cluster: TestCluster;
let client: ProxmoxClient;
// The simulator's clock, moved forward by the test instead of waiting for it.
let offset = 0;

beforeAll(async () => {
  // The client is exercised on VMs outside the portal's pools too (VM 100): the guide's optional /vms grant.
  cluster = await startTestCluster(
    { agentDelaySeconds: 1.5, now: () => Date.now() + offset },
    {},
    { adoptAnyVm: true },
  );
  client = cluster.client;
});
afterAll(() => cluster.close());

async function rejection(promise: Promise<unknown>): Promise<ProxmoxError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProxmoxError);
  return error as ProxmoxError;
}

describe("the client against the simulator, over HTTPS", () => {
  it("reads the version, nodes, resources, storages and ISOs", async () => {
    expect((await client.version()).release).toBe("9.1");
    expect((await client.nodes()).map((node) => node.node)).toEqual(["pve1", "pve2", "pve3"]);
    expect((await client.nodeStatus("pve1")).memory?.total).toBeGreaterThan(0);
    const templates = (await client.resources.get()).filter((item) => item.type === "qemu" && item.template);
    expect(templates.map((item) => item.vmid)).toEqual([9000, 9001, 9002]);
    expect((await client.storages("pve1", { content: "iso" })).map((s) => s.storage)).toEqual(["local"]);
    const isos = await client.storageContent("pve1", "local", { content: "iso" });
    expect(isos.map((iso) => iso.volid)).toContain("local:iso/debian-13.1.0-amd64-netinst.iso");
    expect(await client.nextVmid()).toBe(101);
    expect(await client.isVmidFree(100)).toBe(false);
    expect(await client.isVmidFree(4242)).toBe(true);
  });

  it("clones a template, sets cloud-init, grows the disk, boots it and sees its address", async () => {
    const vmid = await client.nextVmid();
    const progress: (number | null)[] = [];
    await client.createPool("members-alice", "Alice's VMs");
    const upid = await client.qemu.clone("pve1", 9000, {
      newid: vmid,
      name: "web-1",
      full: true,
      pool: "members-alice",
    });
    await client.tasks.wait(upid, { initialDelayMs: 20, onProgress: (p) => progress.push(p.percent) });
    expect(progress.at(-1)).toBe(100);

    await client.qemu.updateConfig("pve1", vmid, {
      ciuser: "alice",
      cipassword: "correct horse battery staple",
      sshkeys: encodeSshKeys([sshKeys.ed25519.line, sshKeys.rsa3072.line]),
      ipconfig0: "ip=dhcp",
      cores: 2,
      memory: "2048",
      tags: "roost",
    });
    const config = await client.qemu.config("pve1", vmid);
    expect(config.cipassword).toBe("**********");
    expect(decodeURIComponent(config.sshkeys!).split("\n")).toEqual([
      sshKeys.ed25519.line,
      sshKeys.rsa3072.line,
    ]);

    await client.tasks.wait((await client.qemu.resize("pve1", vmid, "scsi0", "+5G"))!, {
      initialDelayMs: 20,
    });
    expect((await client.qemu.config("pve1", vmid)).scsi0).toMatch(/size=8G/);
    // API2/Qemu.pm resize_vm refuses inside its worker: the call answers a task, and the task fails.
    const shrink = await rejection(
      client.tasks.wait((await client.qemu.resize("pve1", vmid, "scsi0", "2G"))!),
    );
    expect(shrink).toMatchObject({ kind: "task-failed", message: "shrinking disks is not supported" });

    await client.tasks.wait(await client.qemu.power("pve1", vmid, "start"), { initialDelayMs: 20 });
    expect((await client.qemu.status("pve1", vmid)).status).toBe("running");
    expect(await client.qemu.guestAddresses("pve1", vmid)).toBeNull();
    offset += 1_600;
    const addresses = await client.qemu.guestAddresses("pve1", vmid);
    expect(addresses).toEqual([
      expect.objectContaining({
        interface: "eth0",
        family: "ipv4",
        address: expect.stringMatching(/^10\.42\./),
      }),
    ]);
    expect((await client.pool("members-alice"))?.members?.map((m) => m.vmid)).toEqual([vmid]);
  });

  it("reports a failed power action with the task's own words", async () => {
    const upid = await client.qemu.power("pve2", 100, "start");
    const error = await rejection(client.tasks.wait(upid, { initialDelayMs: 20 }));
    expect(error).toMatchObject({ kind: "task-failed", message: "VM 100 already running" });
  });

  it("keeps CPU and memory changes to a running VM pending until its next boot", async () => {
    await client.qemu.updateConfig("pve2", 100, { cores: 4 });
    const pending = await client.qemu.pending("pve2", 100);
    expect(pending.find((entry) => entry.key === "cores")).toMatchObject({ value: "2", pending: "4" });
    await client.tasks.wait(await client.qemu.power("pve2", 100, "reboot"), { initialDelayMs: 20 });
    expect((await client.qemu.config("pve2", 100)).cores).toBe("4");
  });

  it("takes, lists, rolls back and deletes snapshots", async () => {
    const vmid = 100;
    await client.tasks.wait(
      await client.qemu.createSnapshot("pve2", vmid, "before-upgrade", { description: "safe point" }),
      { initialDelayMs: 20 },
    );
    expect((await client.qemu.snapshots("pve2", vmid)).map((s) => s.name)).toEqual(["before-upgrade"]);
    expect((await client.qemu.snapshotConfig("pve2", vmid, "before-upgrade")).cores).toBe("4");
    await client.tasks.wait(await client.qemu.rollbackSnapshot("pve2", vmid, "before-upgrade"), {
      initialDelayMs: 20,
    });
    await client.tasks.wait(await client.qemu.deleteSnapshot("pve2", vmid, "before-upgrade"), {
      initialDelayMs: 20,
    });
    expect(await client.qemu.snapshots("pve2", vmid)).toEqual([]);
  });

  it("runs every power action and reads metrics and tasks", async () => {
    const vmid = 100;
    const run = async (action: Parameters<typeof client.qemu.power>[2]) =>
      client.tasks.wait(await client.qemu.power("pve2", vmid, action), { initialDelayMs: 20 });
    if ((await client.qemu.status("pve2", vmid)).status !== "running") await run("start");
    await run("suspend");
    expect((await client.qemu.status("pve2", vmid)).qmpstatus).toBe("paused");
    await run("resume");
    await run("reset");
    await run("shutdown");
    expect((await client.qemu.status("pve2", vmid)).status).toBe("stopped");
    await run("start");
    await run("stop");
    // PVE 9 keeps an hour as 60 one-minute rows (pve-cluster RRD.pm, master); pve-sim-history covers the rest.
    expect((await client.qemu.rrd("pve2", vmid, "hour")).length).toBe(60);
    const tasks = await client.tasks.list("pve2", { vmid });
    expect(tasks.length).toBeGreaterThan(3);
    expect((await client.tasks.log(tasks[0]!.upid)).at(-1)?.t).toBe("TASK OK");
  });

  it("destroys a stopped VM with purge, and refuses a running one", async () => {
    const vmid = 102;
    await client.tasks.wait(
      await client.qemu.create("pve3", vmid, {
        name: "scratch",
        scsi0: "local-lvm:4",
        net0: "virtio,bridge=vmbr0",
      }),
      { initialDelayMs: 20 },
    );
    await client.tasks.wait(await client.qemu.power("pve3", vmid, "start"), { initialDelayMs: 20 });
    expect(await rejection(client.qemu.destroy("pve3", vmid))).toMatchObject({
      status: 500,
      reason: `VM ${vmid} is running - destroy failed`,
    });
    await client.tasks.wait(await client.qemu.power("pve3", vmid, "stop"), { initialDelayMs: 20 });
    await client.tasks.wait(await client.qemu.destroy("pve3", vmid), { initialDelayMs: 20 });
    const gone = await rejection(client.qemu.status("pve3", vmid));
    expect(gone.reason).toBe(`Configuration file 'nodes/pve3/qemu-server/${vmid}.conf' does not exist`);
  });
});

describe("errors the client tells apart", () => {
  it("a wrong token is an auth error that never shows the secret", async () => {
    const wrong = new ProxmoxClient({ ...client.cluster, tokenSecret: "not-the-secret-123" });
    const error = await rejection(wrong.version());
    wrong.close();
    expect(error).toMatchObject({ kind: "auth", status: 401 });
    const everything = `${error.message} ${String(error)} ${JSON.stringify(error)} ${error.stack}`;
    expect(everything).not.toContain("not-the-secret-123");
    expect(everything).not.toContain(cluster.tokenSecret);
  });

  it("a parameter error carries PVE's per-parameter messages", async () => {
    const error = await rejection(client.qemu.updateConfig("pve2", 100, { ostype: "beos" }));
    expect(error).toMatchObject({
      kind: "bad-request",
      status: 400,
      reason: "Parameter verification failed.",
    });
    expect(error.errors?.ostype).toMatch(/does not have a value in the enumeration/);
  });

  it("server errors, offline nodes and slow answers each have their kind", async () => {
    cluster.sim.setFaults({
      errors: [{ path: "^/nodes/pve1/status$", status: 500, message: "injected breakage", rate: 1 }],
    });
    expect(await rejection(client.nodeStatus("pve1"))).toMatchObject({ kind: "server", status: 500 });
    cluster.sim.setFaults({ errors: [], offlineNodes: ["pve3"] });
    expect(await rejection(client.qemu.list("pve3"))).toMatchObject({ kind: "proxy", status: 595 });
    cluster.sim.setFaults({ offlineNodes: [], latency: [{ path: "^/version$", ms: 600 }] });
    const impatient = new ProxmoxClient(client.cluster, { timeoutMs: 200, readRetries: 0 });
    expect(await rejection(impatient.version())).toMatchObject({ kind: "timeout" });
    impatient.close();
    cluster.sim.setFaults({ latency: [] });
  });

  it("a task that fails or never ends is reported, not waited on forever", async () => {
    cluster.sim.setFaults({
      failTasks: [{ type: "qmclone", message: "clone failed: no space left on device" }],
    });
    const upid = await client.qemu.clone("pve1", 9001, { newid: 150, name: "doomed", full: true });
    expect(await rejection(client.tasks.wait(upid, { initialDelayMs: 20 }))).toMatchObject({
      kind: "task-failed",
      message: "clone failed: no space left on device",
    });
    await expect(client.qemu.status("pve1", 150)).rejects.toMatchObject({ status: 500 });
    cluster.sim.setFaults({ failTasks: [], hangTasks: ["qmstart"] });
    const stuck = await client.qemu.power("pve2", 100, "start");
    expect(await rejection(client.tasks.wait(stuck, { initialDelayMs: 20, deadlineMs: 300 }))).toMatchObject({
      kind: "timeout",
    });
    await client.tasks.stop(stuck);
    expect((await client.tasks.status(stuck)).exitstatus).toBe("interrupted by signal");
    cluster.sim.setFaults({ hangTasks: [] });
  });
});

describe("TLS and failover", () => {
  it("refuses a certificate that is not the pinned one, before sending the token", async () => {
    const pinnedWrong = new ProxmoxClient({ ...client.cluster, fingerprint: "AB".repeat(32) });
    expect(await rejection(pinnedWrong.version())).toMatchObject({ kind: "tls" });
    pinnedWrong.close();
  });

  it("trusts the system CAs by default and so refuses a self-signed node, unless told of its CA", async () => {
    const { fingerprint: _pin, ...unpinned } = client.cluster;
    const strict = new ProxmoxClient(unpinned);
    expect(await rejection(strict.version())).toMatchObject({ kind: "tls" });
    strict.close();
    const withCa = new ProxmoxClient({ ...unpinned, caPem: cluster.sim.ca });
    expect((await withCa.version()).release).toBe("9.1");
    withCa.close();
    const lab = new ProxmoxClient({ ...unpinned, insecure: true });
    expect((await lab.version()).release).toBe("9.1");
    lab.close();
  });

  it("fails over to the next API URL when one cannot be reached", async () => {
    const dead = `https://127.0.0.1:${await freePort()}`;
    const failover = new ProxmoxClient({ ...client.cluster, apiUrls: [dead, cluster.sim.url] });
    expect((await failover.version()).release).toBe("9.1");
    failover.close();
    const allDead = new ProxmoxClient({ ...client.cluster, apiUrls: [dead] }, { readRetries: 0 });
    expect(await rejection(allDead.version())).toMatchObject({
      kind: "connection",
      message: expect.stringContaining("ECONNREFUSED"),
    });
    allDead.close();
  });
});
