import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";

let cluster: TestCluster;
beforeAll(async () => {
  // A test of the simulator itself: its all-privileged token.
  cluster = await startTestCluster({}, {}, { superuser: true });
});
afterAll(() => cluster.close());

const iso = "local:iso/alpine-virt-3.22.2-x86_64.iso,media=cdrom";
const wait = (upid: string) => cluster.client.tasks.wait(upid, { initialDelayMs: 20 });

async function cloneTemplate(newid: number) {
  await wait(await cluster.client.qemu.clone("pve1", 9000, { newid, name: `ci-${newid}`, full: false }));
}

async function imagesOf(vmid: number): Promise<string[]> {
  const content = await cluster.client.storageContent("pve1", "local-lvm", { content: "images" });
  return content.filter((volume) => volume.vmid === vmid).map((volume) => volume.volid);
}

describe("the cloud-init drive, as qemu-server QemuServer.pm treats a replaced drive", () => {
  it("a stopped VM whose cloud-init slot gets an ISO loses the cloud-init volume (vmconfig_register_unused_drive)", async () => {
    await cloneTemplate(4300);
    expect(await imagesOf(4300)).toContain("local-lvm:vm-4300-cloudinit");
    await cluster.client.qemu.updateConfig("pve1", 4300, { ide2: iso });
    expect(await imagesOf(4300)).not.toContain("local-lvm:vm-4300-cloudinit");
    await cluster.client.qemu.updateConfig("pve1", 4300, { ide2: "none,media=cdrom" });
    const config = await cluster.client.qemu.config("pve1", 4300);
    expect(Object.values(config).some((value) => String(value).includes("cloudinit"))).toBe(false);
  });

  it("a running VM changes the medium and leaves the volume on its storage, unreferenced, until a destroy with destroy-unreferenced-disks (vmconfig_update_disk, destroy_vm)", async () => {
    await cloneTemplate(4301);
    await wait(await cluster.client.qemu.power("pve1", 4301, "start"));
    await cluster.client.qemu.updateConfig("pve1", 4301, { ide2: iso });
    expect((await cluster.client.qemu.config("pve1", 4301)).ide2).toBe(iso);
    expect(await imagesOf(4301)).toContain("local-lvm:vm-4301-cloudinit");
    await wait(await cluster.client.qemu.power("pve1", 4301, "stop"));
    const kept = await simRequest<string>(cluster.sim, "DELETE", "/nodes/pve1/qemu/4301", { purge: "1" });
    await wait(kept.data);
    expect(await imagesOf(4301)).toEqual(["local-lvm:vm-4301-cloudinit"]);
    await cloneTemplate(4301);
    await wait(await cluster.client.qemu.destroy("pve1", 4301));
    expect(await imagesOf(4301)).toEqual([]);
  });

  it("a running VM whose cloud-init slot is emptied frees the volume", async () => {
    await cloneTemplate(4302);
    await wait(await cluster.client.qemu.power("pve1", 4302, "start"));
    await cluster.client.qemu.updateConfig("pve1", 4302, { ide2: "none,media=cdrom" });
    expect(await imagesOf(4302)).not.toContain("local-lvm:vm-4302-cloudinit");
  });
});

describe("clone checks, as qemu-server Qemu.pm `clone_vm` makes them", () => {
  it("refuses another node when the source uses local storage", async () => {
    const answer = await simRequest(cluster.sim, "POST", "/nodes/pve1/qemu/9000/clone", {
      newid: "4310",
      target: "pve2",
    });
    expect([answer.status, answer.message]).toEqual([
      500,
      "can't clone VM to node 'pve2' (VM uses local storage)",
    ]);
    const local = await simRequest<string>(cluster.sim, "POST", "/nodes/pve1/qemu/9000/clone", {
      newid: "4311",
      target: "pve1",
    });
    expect(local.status).toBe(200);
    await wait(local.data);
  });

  it("refuses a storage or format for a linked clone", async () => {
    for (const [name, value] of [
      ["storage", "local-lvm"],
      ["format", "raw"],
    ]) {
      const answer = await simRequest(cluster.sim, "POST", "/nodes/pve1/qemu/9000/clone", {
        newid: "4312",
        full: "0",
        [name!]: value!,
      });
      expect([answer.status, answer.message]).toEqual([
        500,
        `parameter '${name}' not allowed for linked clones`,
      ]);
    }
    expect(cluster.sim.cluster.findVm(4312)).toBeUndefined();
  });
});
