import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setBootOrderAction, setCdromAction } from "@/app/(portal)/vms/actions";
import { insertIsos, listEnabledIsos } from "@/db/queries/isos";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { createTestVm } from "../helpers/fixtures";
import type { TestCluster } from "../helpers/pve-sim";
import { startRegisteredCluster } from "../helpers/registered-cluster";
import { actAs, createUserWithSession } from "../helpers/session";

let database: TestDatabase;
let cluster: TestCluster;

beforeAll(async () => {
  database = await createTestDatabase();
  // VM 100 (infra-dns) stands for an adopted VM, which needs the guide's optional grant on /vms.
  cluster = await startRegisteredCluster({}, {}, "sim", { adoptAnyVm: true });
  await insertIsos([
    { clusterId: "sim", volid: "local:iso/alpine-virt-3.22.2-x86_64.iso", label: "Alpine 3.22" },
  ]);
});
afterAll(async () => {
  await cluster.close();
  await database.drop();
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
});
