import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { clusters, type Iso } from "@/db/schema";
import { settingDefinitions } from "@/lib/settings/registry";
import { setSetting } from "@/lib/settings/settings";
import { provisionIsoVm, requestIsoVm } from "@/lib/vms/provision-iso-vm";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;
let iso: Iso;
let owner: { id: string; label: string; username: string };

beforeAll(async () => {
  database = await createTestDatabase();
  cluster = await startTestCluster();
  await getDb()
    .insert(clusters)
    .values({
      id: "sim",
      name: "sim",
      apiUrls: [cluster.sim.url],
      tokenId: cluster.tokenId,
      tokenSecretEncrypted: "",
    });
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/debian-13.1.0-amd64-netinst.iso", label: "Debian 13 installer" },
  ]);
  iso = (await listEnabledIsos())[0]!;
  const user = await createUserWithSession("ivan", "member");
  owner = { id: user.id, label: "Ivan", username: "ivan" };
});
afterAll(async () => {
  await cluster.close();
  await database.drop();
});

const request = {
  name: "installer",
  cores: 2,
  memoryMb: 2048,
  diskGb: 16,
  diskBus: "virtio" as const,
  nicModel: "e1000" as const,
  uefi: true,
};

describe("installing from an ISO", () => {
  it("makes an empty VM with the ISO in its drive, the chosen bus and NIC, UEFI with TPM, and starts it", async () => {
    const requested = await requestIsoVm(owner, { isoId: iso.id, ...request });
    const vm = await provisionIsoVm(cluster.client, { ...requested, owner });
    expect(vm).toMatchObject({ state: "running", isoId: iso.id });
    const config = await cluster.client.qemu.config(vm.node!, vm.vmid!);
    expect(config.ide2).toBe("local:iso/debian-13.1.0-amd64-netinst.iso,media=cdrom");
    expect(config.virtio0).toMatch(/^local-lvm:vm-\d+-disk-\d+,size=16G$/);
    expect(config.net0).toMatch(/^e1000=BC:24:11(:[0-9A-F]{2}){3},bridge=vmbr0$/);
    expect(config).toMatchObject({ bios: "ovmf", boot: "order=virtio0;ide2" });
    expect(config.tpmstate0).toMatch(/version=v2\.0/);
  });

  it("offers only the hardware admins allow", async () => {
    await setSetting(
      "vm.hardware",
      { ...settingDefinitions["vm.hardware"].defaultValue, diskBuses: ["scsi"], allowUefi: false },
      null,
    );
    await expect(requestIsoVm(owner, { isoId: iso.id, ...request, name: "second" })).rejects.toThrow(
      "Disks on virtio are not offered here.",
    );
    await expect(
      requestIsoVm(owner, { isoId: iso.id, ...request, name: "second", diskBus: "scsi" }),
    ).rejects.toThrow("UEFI is not offered here.");
  });

  it("removes the half-made VM when Proxmox cannot create it", async () => {
    await setSetting("vm.hardware", settingDefinitions["vm.hardware"].defaultValue, null);
    const requested = await requestIsoVm(owner, { isoId: iso.id, ...request, name: "broken" });
    cluster.sim.setFaults({ failTasks: [{ type: "qmcreate", message: "unable to create VM: disk error" }] });
    const vm = await provisionIsoVm(cluster.client, { ...requested, owner });
    cluster.sim.setFaults({ failTasks: [] });
    expect(vm).toMatchObject({
      state: "failed",
      vmid: null,
      stateDetail: expect.stringMatching(/disk error/),
    });
    expect((await cluster.client.resources.get({ maxAgeMs: 0 })).some((item) => item.name === "broken")).toBe(
      false,
    );
  });
});
