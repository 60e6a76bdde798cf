import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

let cluster: TestCluster;
beforeAll(async () => {
  // A test of the simulator itself: its all-privileged token.
  cluster = await startTestCluster({}, {}, { superuser: true });
});
afterAll(() => cluster.close());

type Listed = { upid: string; status: string };

describe("the task list, as pve-manager's PVE/API2/Tasks.pm `node_tasks` answers", () => {
  it("by default (source=archive) hides running tasks; source=active and source=all show them as RUNNING", async () => {
    const clone = await cluster.client.qemu.clone("pve1", 9000, { newid: 777, name: "held-start" });
    await cluster.client.tasks.wait(clone, { initialDelayMs: 20 });
    cluster.sim.setFaults({ hangTasks: ["qmstart"] });
    const upid = await cluster.client.qemu.power("pve1", 777, "start");
    try {
      const list = async (params: Record<string, string>) =>
        (await simRequest<Listed[]>(cluster.sim, "GET", "/nodes/pve1/tasks", params)).data;
      expect((await list({})).some((task) => task.upid === upid)).toBe(false);
      expect((await cluster.client.tasks.list("pve1")).some((task) => task.upid === upid)).toBe(false);
      expect(await list({ source: "active" })).toEqual([
        expect.objectContaining({ upid, status: "RUNNING" }),
      ]);
      const all = await list({ source: "all" });
      expect(all[0]).toMatchObject({ upid, status: "RUNNING" });
      // A running task has no status yet, so `errors=1` (every type but ok) keeps it.
      expect((await list({ source: "all", errors: "1" }))[0]?.upid).toBe(upid);
    } finally {
      await cluster.client.tasks.stop(upid);
      cluster.sim.setFaults({ hangTasks: [] });
    }
  });
});

describe("tasks that warn (pve-common RESTEnvironment warn, PVE::UPID status_is_error)", () => {
  it("an OVMF VM without an EFI disk starts with WARNINGS: 1, which the client takes as success", async () => {
    const client = cluster.client;
    await client.tasks.wait(
      await client.qemu.create("pve1", 4200, { name: "no-efi", bios: "ovmf", scsi0: "local-lvm:4" }),
      { initialDelayMs: 20 },
    );
    const upid = await client.qemu.power("pve1", 4200, "start");
    const status = await client.tasks.wait(upid, { initialDelayMs: 20 });
    expect(status.exitstatus).toBe("WARNINGS: 1");
    expect((await client.qemu.status("pve1", 4200)).status).toBe("running");
    const log = (await client.tasks.log(upid)).map((line) => line.t);
    expect(log).toContain("WARN: no efidisk configured! Using temporary efivars disk.");
    expect(log.at(-1)).toBe("TASK WARNINGS: 1");
    const errors = await simRequest<Listed[]>(cluster.sim, "GET", "/nodes/pve1/tasks", {
      errors: "1",
      vmid: "4200",
    });
    expect(errors.data.map((task) => task.status)).toEqual(["WARNINGS: 1"]);
    const warned = await simRequest<Listed[]>(cluster.sim, "GET", "/nodes/pve1/tasks", {
      statusfilter: "ok",
      vmid: "4200",
    });
    expect(warned.data.map((task) => task.status)).toEqual(["OK"]);
  });
});
