import { describe, expect, it } from "vitest";
import { withLiveState } from "@/lib/vms/live-state";
import { createTestVm } from "../helpers/fixtures";
import { createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

const cluster = setUpClusterTestbed({ client: { resourceCacheMs: 0 } });

describe("the dashboard's live state", () => {
  it("shows what the cluster says, including VMs stopped or removed outside the portal", async () => {
    const owner = await createUserWithSession("olive", "member");
    const dns = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "dns",
      vmid: 100,
      node: "pve2",
      state: "running",
    });
    const gone = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "gone",
      vmid: 777,
      node: "pve1",
      state: "running",
    });
    await cluster.client.tasks.wait(await cluster.client.qemu.power("pve2", 100, "stop"), {
      initialDelayMs: 20,
    });
    const { vms, unreachable } = await withLiveState([dns, gone]);
    expect(vms.map((vm) => [vm.name, vm.live])).toEqual([
      ["dns", "stopped"],
      ["gone", "missing"],
    ]);
    expect(unreachable).toEqual([]);
  });

  it("keeps the last known state, and says so, when the cluster does not answer", async () => {
    const owner = await createUserWithSession("otto", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: owner.id,
      name: "web",
      vmid: 9000,
      node: "pve1",
      state: "running",
    });
    cluster.sim.setFaults({ errors: [{ path: "^/cluster/resources$", status: 503, rate: 1 }] });
    const { vms, unreachable } = await withLiveState([vm]);
    cluster.sim.setFaults({ errors: [] });
    expect(vms[0]!.live).toBeNull();
    expect(unreachable).toEqual(["sim"]);
  });
});
