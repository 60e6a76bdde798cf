import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getVmById } from "@/db/queries/vms";
import { vmEvents } from "@/db/schema";
import { takeBaselineSnapshot } from "@/lib/cohorts/baseline-snapshot";
import { createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed();

describe("a class VM's baseline snapshot", () => {
  it("waits for a snapshot a cut-off run left running, and takes none twice", async () => {
    const student = await createUserWithSession("student", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: student.id,
      name: "net-ada",
      vmid: 100,
      node: "pve2",
    });
    // The run before the crash started the task and never saw it end.
    const upid = await cluster.client.qemu.createSnapshot("pve2", 100, "baseline");
    const listed = await cluster.client.qemu.snapshots("pve2", 100);
    expect(listed).toMatchObject([{ name: "baseline", snapstate: "prepare" }]);
    expect(await cluster.client.qemu.status("pve2", 100)).toMatchObject({ lock: "snapshot" });

    await takeBaselineSnapshot(cluster.client, { ...vm, node: "pve2", vmid: 100 });

    expect(await cluster.client.tasks.status(upid)).toMatchObject({ status: "stopped", exitstatus: "OK" });
    const snapshots = await cluster.client.qemu.snapshots("pve2", 100);
    expect(snapshots.map((snapshot) => [snapshot.name, snapshot.snapstate])).toEqual([
      ["baseline", undefined],
    ]);
    // Counted once, though the run that took it was cut off before it could count it.
    expect(await getVmById({ id: vm.id })).toMatchObject({ baselineSnapshot: "baseline", snapshotCount: 1 });
    await takeBaselineSnapshot(cluster.client, { ...vm, node: "pve2", vmid: 100 });
    expect(await getVmById({ id: vm.id })).toMatchObject({ snapshotCount: 1 });
    const lines = await getDb().select().from(vmEvents).where(eq(vmEvents.vmId, vm.id));
    expect(lines.filter((line) => line.kind === "snapshot")).toHaveLength(1);
    const tasks = cluster.sim.state.tasks.filter((task) => task.type === "qmsnapshot" && task.id === "100");
    expect(tasks.map((task) => task.exitstatus)).toEqual(["OK"]);
  });

  it("drops a snapshot whose task failed after its section was written, as Proxmox does", async () => {
    cluster.sim.setFaults({
      failTasks: [
        { type: "qmsnapshot", message: "lvcreate snapshot 'pve/snap_vm-100-disk-0_before-upgrade' error" },
      ],
    });
    try {
      const upid = await cluster.client.qemu.createSnapshot("pve2", 100, "before-upgrade");
      expect(
        (await cluster.client.qemu.snapshots("pve2", 100)).find(
          (snapshot) => snapshot.name === "before-upgrade",
        ),
      ).toMatchObject({ snapstate: "prepare" });
      await expect(cluster.client.tasks.wait(upid)).rejects.toMatchObject({ kind: "task-failed" });
    } finally {
      cluster.sim.setFaults({ failTasks: [] });
    }
    expect((await cluster.client.qemu.snapshots("pve2", 100)).map((snapshot) => snapshot.name)).not.toContain(
      "before-upgrade",
    );
    expect((await cluster.client.qemu.status("pve2", 100)).lock).toBeUndefined();
  });
});
