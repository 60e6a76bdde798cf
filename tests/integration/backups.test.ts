import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  backupNowAction,
  deleteBackupAction,
  listBackupFilesAction,
  removeBackupScheduleAction,
  restoreAsNewVmAction,
  restoreInPlaceAction,
  saveBackupScheduleAction,
  setBackupNoteAction,
} from "@/app/(portal)/vms/[vmId]/backups/actions";
import { GET as downloadRoute } from "@/app/api/backups/[backupId]/download/route";
import { getDb } from "@/db/client";
import { getBackupById, listBackupsForVm } from "@/db/queries/backups";
import { listVmEvents } from "@/db/queries/vm-events";
import { getVmById } from "@/db/queries/vms";
import { insertWebhookEndpoint, listWebhookDeliveries } from "@/db/queries/webhooks";
import { type BackupStorage, backups, vms } from "@/db/schema";
import { getVmBackups } from "@/lib/backups/backup-views";
import { getConfig } from "@/lib/config";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { allocateAddress } from "@/lib/ipam/allocate-address";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { userAccount } from "@/lib/quotas/quota-account";
import { sealWebhookSecret } from "@/lib/webhooks/signature";
import { approveSimBackupStorages, makePortalVm, runQueuedJobs } from "../helpers/backups";
import { createTestPool } from "../helpers/ipam";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

// The simulator names a backup by its second (as vzdump does); its clock jumps a minute per backup here.
let offset = 0;
const cluster = setUpClusterTestbed({ sim: { now: () => Date.now() + offset } });
let storages: { pbs: BackupStorage; local: BackupStorage };

const roomy = { vms: 10, cores: 20, memoryMb: 20_480, diskGb: 200, snapshots: 5, backups: 20, backupGb: 100 };

beforeAll(async () => {
  storages = await approveSimBackupStorages(cluster);
});

const simBackups = (vmid?: number) =>
  cluster.sim.state.volumes.filter(
    (volume) => volume.content === "backup" && (vmid === undefined || volume.vmid === vmid),
  );
const vzdumpTasks = () => cluster.sim.state.tasks.filter((task) => task.type === "vzdump");
const filesOf = (vmid: number) => cluster.sim.cluster.findVm(vmid)?.files ?? {};

async function backUp(user: TestUser & { token: string }, vmId: string, storage = storages.pbs, note = "") {
  offset += 60_000;
  actAs(user);
  const result = await backupNowAction({ vmId, storageId: storage.id, note });
  if (!result.ok) throw new Error(result.error);
  await runQueuedJobs();
  return (await getBackupById({ id: result.data.backupId }))!;
}

describe("backups", () => {
  it("with room for one, parallel backups make exactly one; the refused ones reach no Proxmox", async () => {
    const cara = await createUserWithSession("cara", "member");
    await giveQuota(cara.id, { ...roomy, backups: 1 });
    const made = [];
    for (const name of ["one", "two", "three", "four"]) made.push(await makePortalVm(cluster, cara, name));
    const tasksBefore = vzdumpTasks().length;
    actAs(cara);
    const results = await Promise.all(
      made.map((vm) => backupNowAction({ vmId: vm.id, storageId: storages.pbs.id, note: "nightly" })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const refused of results.filter((result) => !result.ok))
      expect(refused).toMatchObject({
        status: 409,
        error: "This needs 1 backup, but you have 0 backups left of 1 backup.",
      });
    await runQueuedJobs();
    expect(vzdumpTasks().length - tasksBefore).toBe(1);
    const onProxmox = made.flatMap((vm) => simBackups(vm.vmid!));
    expect(onProxmox).toHaveLength(1);
    const rows = (await getDb().select().from(backups).where(eq(backups.ownerId, cara.id))) ?? [];
    expect(rows).toMatchObject([{ state: "done", volid: onProxmox[0]!.volid, note: "nightly" }]);
    expect(rows[0]!.sizeBytes).toBe(onProxmox[0]!.size);
    expect((await getQuotaStatus(userAccount(cara.id))).usage).toMatchObject({
      backups: 1,
      backupGb: Math.ceil(onProxmox[0]!.size / 1024 ** 3),
    });
  });

  it("refuses a backup the size quota cannot hold before Proxmox hears of it", async () => {
    const dan = await createUserWithSession("dan", "member");
    await giveQuota(dan.id, { ...roomy, backupGb: 4 });
    const first = await makePortalVm(cluster, dan, "first", 3);
    const second = await makePortalVm(cluster, dan, "second", 3);
    const tasksBefore = vzdumpTasks().length;
    actAs(dan);
    // A backup cannot be sized before it is made: it holds its VM's whole disk until it is done.
    expect(await backupNowAction({ vmId: first.id, storageId: storages.pbs.id })).toMatchObject({ ok: true });
    expect(await backupNowAction({ vmId: second.id, storageId: storages.pbs.id })).toMatchObject({
      ok: false,
      status: 409,
      error:
        "This needs 3 GiB of backup space, but you have 1 GiB of backup space left of 4 GiB of backup space.",
    });
    await runQueuedJobs();
    expect(vzdumpTasks().length - tasksBefore).toBe(1);
    expect(simBackups(second.vmid!)).toEqual([]);
  });

  it("follow a VM that moved to another node since the portal last looked", async () => {
    const ola = await createUserWithSession("ola", "member");
    await giveQuota(ola.id, roomy);
    const vm = await makePortalVm(cluster, ola, "roamer");
    await getDb().update(vms).set({ node: "pve2" }).where(eq(vms.id, vm.id));
    const backup = await backUp(ola, vm.id, storages.pbs, "moved");
    expect(backup).toMatchObject({ state: "done", node: "pve1", progress: 100 });
    expect(simBackups(vm.vmid!)).toMatchObject([{ volid: backup.volid, notes: "moved" }]);
  });

  it("are the owner's only: another member gets 404 for every backup operation", async () => {
    const erin = await createUserWithSession("erin", "member");
    const mallory = await createUserWithSession("mallory", "member");
    await giveQuota(erin.id, roomy);
    await giveQuota(mallory.id, roomy);
    const vm = await makePortalVm(cluster, erin, "private");
    const backup = await backUp(erin, vm.id, storages.pbs, "mine");
    const volumes = simBackups().length;

    actAs(mallory);
    const refusals = await Promise.all([
      backupNowAction({ vmId: vm.id, storageId: storages.pbs.id }),
      deleteBackupAction({ backupId: backup.id }),
      setBackupNoteAction({ backupId: backup.id, note: "pwned" }),
      restoreAsNewVmAction({ backupId: backup.id, name: "stolen" }),
      restoreInPlaceAction({ backupId: backup.id, confirmName: "private" }),
      listBackupFilesAction({ backupId: backup.id, path: "/" }),
      saveBackupScheduleAction({
        vmId: vm.id,
        storageId: storages.pbs.id,
        frequency: "daily",
        time: "02:00",
        keepLast: 1,
        keepDaily: 0,
        keepWeekly: 0,
      }),
      removeBackupScheduleAction({ vmId: vm.id }),
    ]);
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, status: 404 });
    await expect(getVmBackups(mallory, vm.id)).rejects.toMatchObject({ kind: "not-found" });
    const card = await getVmBackups(erin, vm.id);
    expect(card.backups).toMatchObject([{ id: backup.id, state: "done", note: "mine", fileRestore: true }]);
    expect(card.storages.map((storage) => storage.label).sort()).toEqual(["Backup server", "Local disk"]);
    expect(card.schedule).toBeNull();
    const download = await downloadRoute(
      new Request(`http://portal/api/backups/${backup.id}/download?path=/etc/hostname`),
      { params: Promise.resolve({ backupId: backup.id }) },
    );
    expect(download.status).toBe(404);
    await runQueuedJobs();
    expect(simBackups()).toHaveLength(volumes);
    expect(await getBackupById({ id: backup.id })).toMatchObject({ state: "done", note: "mine" });
  });

  it("restore into a new VM counted in the quota, with a new lease and the backup's files", async () => {
    const finn = await createUserWithSession("finn", "member");
    await giveQuota(finn.id, { ...roomy, vms: 2 });
    const vm = await makePortalVm(cluster, finn, "web");
    const endpointId = crypto.randomUUID();
    await insertWebhookEndpoint({
      id: endpointId,
      url: "https://hooks.invalid/roost",
      eventTypes: ["vm.backed_up", "vm.restored"],
      allowPrivate: false,
      secretSealed: sealWebhookSecret(
        getConfig(),
        endpointId,
        "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRlc3Q=",
      ),
    });
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "first\n");
    const backup = await backUp(finn, vm.id, storages.local);
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "second\n");

    actAs(finn);
    expect(await restoreAsNewVmAction({ backupId: backup.id, name: "web" })).toMatchObject({
      ok: false,
      status: 400,
    });
    const restored = await restoreAsNewVmAction({ backupId: backup.id, name: "web-copy" });
    expect(restored).toMatchObject({ ok: true });
    if (!restored.ok) return;
    // The new VM holds its share of the quota from the moment it is asked for.
    expect((await getQuotaStatus(userAccount(finn.id))).usage.vms).toBe(2);
    expect(await restoreAsNewVmAction({ backupId: backup.id, name: "web-third" })).toMatchObject({
      ok: false,
      status: 409,
      error: "This needs 1 VM, but you have 0 VMs left of 2 VMs.",
    });
    await runQueuedJobs();
    const copy = (await getVmById({ id: restored.data.vmId }))!;
    expect(copy).toMatchObject({ state: "stopped", name: "web-copy", diskGb: vm.diskGb });
    expect(copy.vmid).not.toBe(vm.vmid);
    expect(copy.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(filesOf(copy.vmid!)["/srv/data.txt"]?.data).toBe("first\n");
    expect(filesOf(vm.vmid!)["/srv/data.txt"]?.data).toBe("second\n");
    expect(cluster.sim.cluster.findVm(copy.vmid!)).toMatchObject({ pool: "roost-finn" });
    const sent = await listWebhookDeliveries({ endpointId });
    expect(sent.map((delivery) => delivery.eventType).sort()).toEqual(["vm.backed_up", "vm.restored"]);
  });

  it("a copy restored on a network with an IP pool gets an address of its own", async () => {
    const ida = await createUserWithSession("ida", "member");
    await giveQuota(ida.id, roomy);
    const { network } = await createTestPool({ vlan: 42 });
    const vm = await makePortalVm(cluster, ida, "node1");
    await getDb().update(vms).set({ networkId: network.id }).where(eq(vms.id, vm.id));
    await getDb().transaction((tx) =>
      allocateAddress(
        { networkId: network.id, networkLabel: network.label, vmId: vm.id, hostname: "node1" },
        tx,
      ),
    );
    await cluster.admin.qemu.updateConfig("pve1", vm.vmid!, { ipconfig0: "ip=10.20.0.10/24,gw=10.20.0.1" });
    const backup = await backUp(ida, vm.id);
    actAs(ida);
    const copy = await restoreAsNewVmAction({ backupId: backup.id, name: "node2" });
    if (!copy.ok) throw new Error(copy.error);
    await runQueuedJobs();
    const restored = (await getVmById({ id: copy.data.vmId }))!;
    expect(restored).toMatchObject({ state: "stopped", ipAddress: "10.20.0.11", networkId: network.id });
    expect(cluster.sim.cluster.findVm(restored.vmid!)?.config.ipconfig0).toBe(
      "ip=10.20.0.11/24,gw=10.20.0.1",
    );
    expect(restored.macAddress).toMatch(/^[0-9a-f:]{17}$/);
  });

  it("restore over the VM after typing its name: it stops and comes back as the backup was", async () => {
    const gil = await createUserWithSession("gil", "member");
    await giveQuota(gil.id, roomy);
    const vm = await makePortalVm(cluster, gil, "db");
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "good\n");
    const backup = await backUp(gil, vm.id);
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "broken\n");
    await cluster.admin.tasks.wait(await cluster.admin.qemu.power("pve1", vm.vmid!, "start"));

    actAs(gil);
    expect(await restoreInPlaceAction({ backupId: backup.id, confirmName: "dbx" })).toMatchObject({
      ok: false,
      status: 400,
      error: "Type the VM's name, db, to confirm.",
    });
    expect(await restoreInPlaceAction({ backupId: backup.id, confirmName: "db" })).toMatchObject({
      ok: true,
    });
    offset += 60_000;
    await runQueuedJobs();
    const after = (await getVmById({ id: vm.id }))!;
    expect(after).toMatchObject({ state: "stopped", stateDetail: null, name: "db" });
    expect(filesOf(after.vmid!)["/srv/data.txt"]?.data).toBe("good\n");
    expect(cluster.sim.cluster.findVm(vm.vmid!)).toBeUndefined();
    // The VM as it was before the restore is kept as a safety backup.
    const safety = (await listBackupsForVm({ vmId: vm.id })).find((row) => row.origin === "safety");
    expect(safety).toMatchObject({ state: "done" });
    const messages = (await listVmEvents({ vmId: vm.id })).map((event) =>
      renderMessage(event.message, englishTranslator()),
    );
    expect(messages).toContain("Stopped for the restore");
    expect(messages).toContain("Restored from the backup; start it when you like");
  });

  it("a restore that fails leaves the original VM as it was", async () => {
    const hana = await createUserWithSession("hana", "member");
    await giveQuota(hana.id, roomy);
    const vm = await makePortalVm(cluster, hana, "keep");
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "old\n");
    const backup = await backUp(hana, vm.id);
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "current\n");
    const configBefore = { ...cluster.sim.cluster.findVm(vm.vmid!)!.config };
    const vmCount = cluster.sim.state.vms.length;

    cluster.sim.setFaults({ failTasks: [{ type: "qmrestore", message: "disk full" }] });
    try {
      actAs(hana);
      expect(await restoreInPlaceAction({ backupId: backup.id, confirmName: "keep" })).toMatchObject({
        ok: true,
      });
      const copy = await restoreAsNewVmAction({ backupId: backup.id, name: "keep-copy" });
      offset += 60_000;
      await runQueuedJobs();
      const after = (await getVmById({ id: vm.id }))!;
      expect(after).toMatchObject({ vmid: vm.vmid, stateDetail: null, diskGb: vm.diskGb });
      const simVm = cluster.sim.cluster.findVm(vm.vmid!)!;
      expect(simVm.config.scsi0).toBe(configBefore.scsi0);
      expect(simVm.files?.["/srv/data.txt"]?.data).toBe("current\n");
      const events = (await listVmEvents({ vmId: vm.id })).map((event) =>
        renderMessage(event.message, englishTranslator()),
      );
      expect(events.some((message) => message.startsWith("Restore failed, the VM is as it was"))).toBe(true);
      // The failed new VM gives its quota back. What qmrestore left outside the pool is named for an admin.
      expect(copy.ok && (await getVmById({ id: copy.data.vmId }))?.state).toBe("failed");
      expect((await getQuotaStatus(userAccount(hana.id))).usage.vms).toBe(1);
      const left = cluster.sim.state.vms.slice(vmCount).map((leftover) => leftover.vmid);
      const failures = [
        ...(await listVmEvents({ vmId: vm.id })),
        ...(copy.ok ? await listVmEvents({ vmId: copy.data.vmId }) : []),
      ].filter((event) => event.kind === "failed");
      for (const vmid of left)
        expect(failures.some((event) => event.message.includes(`left VM ${vmid} `))).toBe(true);
    } finally {
      cluster.sim.setFaults({ failTasks: [] });
    }
  });
});
