import { beforeAll, describe, expect, it } from "vitest";
import { setBootOrderAction, setCdromAction } from "@/app/(portal)/vms/actions";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { createTestVm } from "../helpers/fixtures";
import { actAs, createUserWithSession } from "../helpers/session";
import { setUpClusterTestbed } from "../helpers/testbed";

// VM 100 (infra-dns) stands for an adopted VM, which needs the guide's optional grant on /vms.
const cluster = setUpClusterTestbed({ access: { adoptAnyVm: true } });

beforeAll(async () => {
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/alpine-virt-3.22.2-x86_64.iso", label: "Alpine 3.22" },
  ]);
});

describe("a VM's CD drive and boot order", () => {
  it("take an approved ISO, eject it and change the boot order, for the owner only", async () => {
    const alice = await createUserWithSession("alice", "member");
    const bob = await createUserWithSession("bob", "member");
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "infra-dns",
      vmid: 100,
      node: "pve2",
    });
    const [iso] = await listEnabledIsos();

    actAs(bob);
    expect(await setCdromAction({ vmId: vm.id, isoId: iso!.id })).toMatchObject({ ok: false, status: 404 });

    actAs(alice);
    expect(await setCdromAction({ vmId: vm.id, isoId: iso!.id })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve2", 100)).ide2).toBe(
      "local:iso/alpine-virt-3.22.2-x86_64.iso,media=cdrom",
    );
    expect(await setBootOrderAction({ vmId: vm.id, first: "cdrom" })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve2", 100)).boot).toBe("order=ide2;scsi0");
    expect(await setCdromAction({ vmId: vm.id, isoId: null })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve2", 100)).ide2).toBe("none,media=cdrom");
    expect(
      await setCdromAction({ vmId: vm.id, isoId: "00000000-0000-4000-8000-000000000000" }),
    ).toMatchObject({ ok: false, error: "That ISO is not available." });
  });

  it("never replace a template VM's cloud-init drive: the ISO goes in another slot, and the cloud-init volume survives insert and eject", async () => {
    const alice = await createUserWithSession("alice-ci", "member");
    await cluster.client.tasks.wait(
      await cluster.client.qemu.clone("pve1", 9000, { newid: 4500, name: "from-template", full: false }),
      { initialDelayMs: 20 },
    );
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: alice.id,
      name: "from-template",
      vmid: 4500,
      node: "pve1",
    });
    const [iso] = await listEnabledIsos();
    const cloudinitKept = async () => {
      const config = await cluster.client.qemu.config("pve1", 4500);
      const images = await cluster.client.storageContent("pve1", "local-lvm", { content: "images" });
      return {
        ide2: config.ide2,
        onStorage: images.some((volume) => volume.volid === "local-lvm:vm-4500-cloudinit"),
      };
    };
    const expected = { ide2: "local-lvm:vm-4500-cloudinit,media=cdrom", onStorage: true };
    expect(await cloudinitKept()).toEqual(expected);

    actAs(alice);
    expect(await setCdromAction({ vmId: vm.id, isoId: iso!.id })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve1", 4500)).ide0).toBe(
      "local:iso/alpine-virt-3.22.2-x86_64.iso,media=cdrom",
    );
    expect(await cloudinitKept()).toEqual(expected);
    expect(await setBootOrderAction({ vmId: vm.id, first: "cdrom" })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve1", 4500)).boot).toBe("order=ide0;scsi0");
    expect(await setCdromAction({ vmId: vm.id, isoId: null })).toMatchObject({ ok: true });
    expect((await cluster.client.qemu.config("pve1", 4500)).ide0).toBe("none,media=cdrom");
    expect(await cloudinitKept()).toEqual(expected);
  });

  it("say so when a VM without a CD drive is asked to boot from it", async () => {
    const carol = await createUserWithSession("carol-cd", "member");
    await cluster.client.tasks.wait(
      await cluster.client.qemu.clone("pve1", 9001, { newid: 4501, name: "no-cd", full: false }),
      { initialDelayMs: 20 },
    );
    const vm = await createTestVm({
      clusterId: "sim",
      ownerId: carol.id,
      name: "no-cd",
      vmid: 4501,
      node: "pve1",
    });
    actAs(carol);
    expect(await setBootOrderAction({ vmId: vm.id, first: "cdrom" })).toMatchObject({
      ok: false,
      error: "This VM has no CD drive yet; insert an ISO first.",
    });
    expect((await cluster.client.qemu.config("pve1", 4501)).boot).toBe("order=scsi0");
  });
});
