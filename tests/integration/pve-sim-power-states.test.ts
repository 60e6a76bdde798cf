import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProxmoxClient, ProxmoxError } from "@/lib/proxmox";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { openRfb } from "../helpers/rfb-client";
import { openTerm } from "../helpers/term-client";

// Each behaviour follows qemu-server 9.x (src/PVE/API2/Qemu.pm, src/PVE/QemuServer.pm,
// src/PVE/QemuServer/RunState.pm, src/PVE/QemuServer/Agent.pm), pve-manager's pvestatd.pm and
// API2Tools.pm, and pve-guest-common AbstractConfig.pm over pve-common Tools.pm lock_file_full.

const AGENT_PING_MS = 400;
const FLOCK_MS = 600;

let cluster: TestCluster;
let client: ProxmoxClient;

beforeAll(async () => {
  // A test of the simulator itself: its all-privileged token.
  cluster = await startTestCluster(
    {
      consoleBackend: "builtin",
      agentDelaySeconds: 3600,
      agentPingTimeoutMs: AGENT_PING_MS,
      flockTimeoutMs: FLOCK_MS,
    },
    {},
    { superuser: true },
  );
  client = cluster.client;
});
afterAll(() => cluster.close());

async function failure(promise: Promise<unknown>): Promise<ProxmoxError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProxmoxError);
  return error as ProxmoxError;
}

const wait = (upid: string) => client.tasks.wait(upid, { initialDelayMs: 10 });

/** A stopped VM of its own for each test: a full clone of the Debian template, on pve1. */
async function freshVm(config: Record<string, string> = {}): Promise<number> {
  const vmid = await client.nextVmid();
  await wait(await client.qemu.clone("pve1", 9000, { newid: vmid, name: `power-${vmid}`, full: false }));
  if (Object.keys(config).length) await client.qemu.updateConfig("pve1", vmid, config);
  return vmid;
}

async function runningVm(config: Record<string, string> = {}): Promise<number> {
  const vmid = await freshVm(config);
  await wait(await client.qemu.power("pve1", vmid, "start"));
  return vmid;
}

const simVm = (vmid: number) => cluster.sim.state.vms.find((vm) => vm.vmid === vmid)!;

async function resourceStatus(vmid: number) {
  const resources = await client.resources.get({ maxAgeMs: 0 });
  return resources.find((item) => item.type === "qemu" && item.vmid === vmid)?.status;
}

describe("power states as PVE reports them", () => {
  it("a paused VM reads 'paused' in /cluster/resources and running/paused in status/current (pvestatd.pm: qmpstatus || status)", async () => {
    const vmid = await runningVm();
    await wait(await client.qemu.power("pve1", vmid, "suspend"));
    expect(await resourceStatus(vmid)).toBe("paused");
    expect(await client.qemu.status("pve1", vmid)).toMatchObject({ status: "running", qmpstatus: "paused" });
    await wait(await client.qemu.power("pve1", vmid, "resume"));
    expect(await resourceStatus(vmid)).toBe("running");
  });

  it("shutdown and reboot of a paused VM are refused at once; shutdown with forceStop stops it (Qemu.pm vm_shutdown, vm_reboot)", async () => {
    const vmid = await runningVm();
    await wait(await client.qemu.power("pve1", vmid, "suspend"));
    for (const action of ["shutdown", "reboot"] as const) {
      expect(await failure(client.qemu.power("pve1", vmid, action))).toMatchObject({
        kind: "server",
        status: 500,
        reason: "VM is paused - cannot shutdown",
      });
    }
    await wait(await client.qemu.power("pve1", vmid, "shutdown", { forceStop: 1 }));
    expect((await client.qemu.status("pve1", vmid)).status).toBe("stopped");
  });

  it("stop and shutdown of a stopped VM end OK, as _do_vm_stop returns when no process runs (QemuServer.pm)", async () => {
    const vmid = await freshVm();
    for (const action of ["stop", "shutdown"] as const) {
      expect((await wait(await client.qemu.power("pve1", vmid, action))).exitstatus).toBe("OK");
    }
  });

  it("reboot, reset, suspend and resume of a stopped VM are refused at once with 'not running' (Qemu.pm check_running before fork_worker)", async () => {
    const vmid = await freshVm();
    for (const action of ["reboot", "reset", "suspend", "resume"] as const) {
      expect(await failure(client.qemu.power("pve1", vmid, action))).toMatchObject({
        status: 500,
        reason: `VM ${vmid} not running`,
      });
    }
  });

  it("resuming a VM that is not paused ends OK and changes nothing (RunState.pm vm_resume: 'job done, go home')", async () => {
    const vmid = await runningVm();
    expect((await wait(await client.qemu.power("pve1", vmid, "resume"))).exitstatus).toBe("OK");
    expect(await client.qemu.status("pve1", vmid)).toMatchObject({ status: "running", qmpstatus: "running" });
  });

  it("starting a running VM fails its task with 'already running' (QemuServer.pm vm_start)", async () => {
    const vmid = await runningVm();
    expect(await failure(wait(await client.qemu.power("pve1", vmid, "start")))).toMatchObject({
      kind: "task-failed",
      message: `VM ${vmid} already running`,
    });
  });
});

describe("resize as PVE runs it (Qemu.pm resize_vm: every check inside the worker)", () => {
  it("always answers a task; shrink, a missing disk, a CD drive and a lock fail the task", async () => {
    const vmid = await freshVm();
    const refusals: [string, string, string][] = [
      ["scsi0", "1G", "shrinking disks is not supported"],
      ["scsi5", "10G", "disk 'scsi5' does not exist"],
      ["ide2", "10G", "you can't resize a cdrom"],
    ];
    for (const [disk, size, message] of refusals) {
      const upid = await client.qemu.resize("pve1", vmid, disk, size);
      expect(upid).toMatch(/^UPID:pve1:.*:resize:/);
      expect(await failure(wait(upid!))).toMatchObject({ kind: "task-failed", message });
    }
    simVm(vmid).lock = "backup";
    expect(await failure(wait((await client.qemu.resize("pve1", vmid, "scsi0", "+1G"))!))).toMatchObject({
      message: "VM is locked (backup)",
    });
    simVm(vmid).lock = undefined;
  });

  it("asking for the current size ends OK and leaves the disk as it was", async () => {
    const vmid = await freshVm();
    const before = (await client.qemu.config("pve1", vmid)).scsi0;
    const size = /size=(\d+G)/.exec(before ?? "")![1]!;
    const done = await wait((await client.qemu.resize("pve1", vmid, "scsi0", size))!);
    expect(done.exitstatus).toBe("OK");
    expect((await client.qemu.config("pve1", vmid)).scsi0).toBe(before);
  });
});

describe("locks where PVE checks them", () => {
  it("start, stop, shutdown, reset, destroy and snapshot fail their task on a locked VM (checked in the worker)", async () => {
    const running = await runningVm();
    const stopped = await freshVm();
    simVm(running).lock = "backup";
    simVm(stopped).lock = "backup";
    const tasks = [
      client.qemu.power("pve1", stopped, "start"),
      client.qemu.power("pve1", running, "stop"),
      client.qemu.power("pve1", running, "shutdown"),
      client.qemu.power("pve1", running, "reset"),
      client.qemu.destroy("pve1", stopped),
      client.qemu.createSnapshot("pve1", stopped, "before"),
    ];
    for (const task of tasks) {
      expect(await failure(task.then(wait))).toMatchObject({
        kind: "task-failed",
        message: "VM is locked (backup)",
      });
    }
    simVm(running).lock = undefined;
    simVm(stopped).lock = undefined;
  });

  it("config writes and clones of a locked VM are refused at once (update_vm_api and clone_vm check before forking)", async () => {
    const vmid = await freshVm();
    simVm(vmid).lock = "backup";
    expect(await failure(client.qemu.updateConfig("pve1", vmid, { description: "x" }))).toMatchObject({
      status: 500,
      reason: "VM is locked (backup)",
    });
    expect(await failure(client.qemu.updateConfigAsync("pve1", vmid, { description: "x" }))).toMatchObject({
      status: 500,
      reason: "VM is locked (backup)",
    });
    expect(await failure(client.qemu.clone("pve1", vmid, { newid: vmid + 1000, full: true }))).toMatchObject({
      status: 500,
      reason: "VM is locked (backup)",
    });
    simVm(vmid).lock = undefined;
  });

  it("while a clone holds the template's flock, a config write on it waits the flock timeout and fails as lock_file does", async () => {
    cluster.sim.setFaults({ hangTasks: ["qmclone"] });
    const newid = await client.nextVmid();
    await client.qemu.clone("pve1", 9001, { newid, name: "held-clone", full: true });
    const started = Date.now();
    const error = await failure(client.qemu.updateConfig("pve1", 9001, { description: "during clone" }));
    const waited = Date.now() - started;
    expect(error).toMatchObject({
      status: 500,
      reason: "can't lock file '/var/lock/qemu-server/lock-9001.conf' - got timeout",
    });
    expect(waited).toBeGreaterThanOrEqual(FLOCK_MS - 50);
    // The new VM carries `lock: clone` in its config, which the early check refuses without waiting.
    expect(await failure(client.qemu.updateConfig("pve1", newid, { description: "x" }))).toMatchObject({
      reason: "VM is locked (clone)",
    });
    cluster.sim.setFaults({ hangTasks: [] });
    const clone = cluster.sim.state.tasks.find(
      (task) => task.type === "qmclone" && task.status === "running",
    );
    cluster.sim.cluster.tasks.stopTask(clone!);
  });

  it("a config write waits for a task that releases the flock in time, then applies", async () => {
    const vmid = await runningVm();
    const shutdown = await client.qemu.power("pve1", vmid, "shutdown");
    await client.qemu.updateConfig("pve1", vmid, { description: "after shutdown" });
    expect((await client.tasks.status(shutdown)).status).toBe("stopped");
    expect((await client.qemu.config("pve1", vmid)).description).toBe("after shutdown");
  });
});

describe("the guest agent as PVE asks it (Agent.pm assert_agent_available, qga_check_running)", () => {
  it("an enabled agent that does not answer costs the guest-ping timeout, then 'QEMU guest agent is not running'", async () => {
    const vmid = await runningVm();
    const started = Date.now();
    expect(await client.qemu.guestAddresses("pve1", vmid)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(AGENT_PING_MS - 50);
    const raw = await failure(
      client.transport.call("GET", `/nodes/pve1/qemu/${vmid}/agent/network-get-interfaces`),
    );
    expect(raw).toMatchObject({ status: 500, reason: "QEMU guest agent is not running" });
  });

  it("agent: 0 is refused at once as not running; no agent key at all is 'No QEMU guest agent configured'", async () => {
    const disabled = await runningVm({ agent: "0" });
    const started = Date.now();
    expect(
      await failure(
        client.transport.call("GET", `/nodes/pve1/qemu/${disabled}/agent/network-get-interfaces`),
      ),
    ).toMatchObject({ reason: "QEMU guest agent is not running" });
    expect(Date.now() - started).toBeLessThan(AGENT_PING_MS);
    const absent = await runningVm({ delete: "agent" });
    expect(
      await failure(client.transport.call("GET", `/nodes/pve1/qemu/${absent}/agent/network-get-interfaces`)),
    ).toMatchObject({ reason: "No QEMU guest agent configured" });
  });
});

describe("consoles by power state (Qemu.pm vncproxy and termproxy have no running check)", () => {
  it("a paused VM's screen opens", async () => {
    await wait(await client.qemu.power("pve2", 100, "suspend"));
    const grant = await client.console.vncproxy("pve2", 100);
    const target = client.console.websocketTarget("pve2", 100, grant)!;
    const session = await openRfb(target.url, grant.vncPassword, {
      headers: target.headers,
      ca: cluster.sim.ca,
    });
    expect(session.width).toBeGreaterThan(0);
    session.close();
    await wait(await client.qemu.power("pve2", 100, "resume"));
  });

  it("a stopped VM's serial terminal is granted, then says 'not running' and ends (qm.pm terminal)", async () => {
    const vmid = await freshVm();
    const grant = await client.console.termproxy("pve1", vmid);
    const target = client.console.websocketTarget("pve1", vmid, grant)!;
    const session = await openTerm(
      target.url,
      { user: grant.user ?? "", ticket: grant.ticket },
      { headers: target.headers, ca: cluster.sim.ca },
    );
    await session.waitFor(new RegExp(`VM ${vmid} not running`));
    await session.closed;
  });
});
