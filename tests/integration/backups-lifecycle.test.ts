import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAnyBackupAction, protectBackupAction } from "@/app/(portal)/admin/backups/actions";
import {
  deleteBackupAction,
  restoreAsNewVmAction,
  saveBackupScheduleAction,
} from "@/app/(portal)/vms/[vmId]/backups/actions";
import { getDb } from "@/db/client";
import { getBackupById, listBackupsForVm } from "@/db/queries/backups";
import { getVmById } from "@/db/queries/vms";
import { type BackupStorage, backupSchedules } from "@/db/schema";
import { removeExpiredBackups } from "@/lib/backups/backup-lifecycle";
import { runDueSchedules } from "@/lib/backups/backup-schedules";
import { listBackupStorageCandidates } from "@/lib/backups/backup-storages";
import { listBackupsForAdmins, listMemberBackups } from "@/lib/backups/backup-views";
import { requestBackup } from "@/lib/backups/request-backup";
import { setSetting } from "@/lib/settings/settings";
import { deleteOwnedVm } from "@/lib/vms/operate-vm";
import { approveSimBackupStorages, makePortalVm, runQueuedJobs } from "../helpers/backups";
import { actAs, createUserWithSession } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

let offset = 0;
const cluster = setUpClusterTestbed({ sim: { now: () => Date.now() + offset } });
let storages: { pbs: BackupStorage; local: BackupStorage };
const roomy = { vms: 10, cores: 20, memoryMb: 20_480, diskGb: 200, snapshots: 5, backups: 20, backupGb: 200 };
const DAY = 86_400_000;

beforeAll(async () => {
  storages = await approveSimBackupStorages(cluster);
});

const onProxmox = (volid: string | null) =>
  cluster.sim.state.volumes.find((volume) => volume.volid === volid);

describe("backup schedules and retention", () => {
  it("run when due and prune the oldest scheduled backups first, never a protected one", async () => {
    const ivy = await createUserWithSession("ivy", "member");
    const admin = await createUserWithSession("root-admin", "admin");
    await giveQuota(ivy.id, roomy);
    const vm = await makePortalVm(cluster, ivy, "app");
    actAs(ivy);
    expect(
      await saveBackupScheduleAction({
        vmId: vm.id,
        storageId: storages.local.id,
        frequency: "weekly",
        time: "03:30",
        keepLast: 2,
        keepDaily: 0,
        keepWeekly: 0,
      }),
    ).toMatchObject({ ok: false, status: 400 });
    const saved = await saveBackupScheduleAction({
      vmId: vm.id,
      storageId: storages.local.id,
      frequency: "daily",
      time: "03:30",
      keepLast: 2,
      keepDaily: 0,
      keepWeekly: 0,
    });
    expect(saved).toMatchObject({ ok: true, data: { nextRunAt: expect.stringMatching(/T03:30:00\.000Z$/) } });
    // A manual backup is the member's to keep: retention leaves it alone.
    offset += 60_000;
    const manual = await requestBackup({
      vmId: vm.id,
      person: ivy,
      storageId: storages.local.id,
      note: "by hand",
      origin: "manual",
      actor: { id: ivy.id, label: "ivy" },
    });
    await runQueuedJobs();

    const made: string[] = [];
    for (let run = 0; run < 4; run++) {
      offset += 60_000;
      await getDb()
        .update(backupSchedules)
        .set({ nextRunAt: new Date(Date.now() - 1000) })
        .where(eq(backupSchedules.vmId, vm.id));
      expect(await runDueSchedules()).toEqual({ started: 1, refused: 0 });
      // Claimed once: a second sweep (another replica) starts nothing.
      expect(await runDueSchedules()).toEqual({ started: 0, refused: 0 });
      await runQueuedJobs();
      const newest = (await listBackupsForVm({ vmId: vm.id })).find(
        (backup) => backup.origin === "schedule",
      )!;
      made.push(newest.id);
      if (run === 0) {
        actAs(admin);
        expect(await protectBackupAction({ backupId: newest.id, protect: true })).toMatchObject({ ok: true });
        expect(onProxmox(newest.volid)?.protected).toBe(true);
      }
    }
    const [first, second, third, fourth] = await Promise.all(made.map((id) => getBackupById({ id })));
    expect(first).toMatchObject({ state: "done", protected: true });
    expect(second).toMatchObject({ state: "removed" });
    expect(third).toMatchObject({ state: "done" });
    expect(fourth).toMatchObject({ state: "done" });
    expect(onProxmox(second!.volid)).toBeUndefined();
    for (const kept of [first, third, fourth]) expect(onProxmox(kept!.volid)).toBeDefined();
    expect(await getBackupById({ id: manual.id })).toMatchObject({ state: "done" });
    const schedule = (
      await getDb().select().from(backupSchedules).where(eq(backupSchedules.vmId, vm.id))
    )[0]!;
    expect(schedule.nextRunAt.getTime()).toBeGreaterThan(Date.now());
    expect(schedule.nextRunAt.getUTCHours() * 60 + schedule.nextRunAt.getUTCMinutes()).toBe(3 * 60 + 30);
  });

  it("a scheduled backup the quota cannot hold is not made, and the timeline says why", async () => {
    const jo = await createUserWithSession("jo", "member");
    await giveQuota(jo.id, { ...roomy, backups: 0 });
    const vm = await makePortalVm(cluster, jo, "tiny");
    actAs(jo);
    await saveBackupScheduleAction({
      vmId: vm.id,
      storageId: storages.pbs.id,
      frequency: "daily",
      time: "01:00",
      keepLast: 3,
      keepDaily: 0,
      keepWeekly: 0,
    });
    await getDb()
      .update(backupSchedules)
      .set({ nextRunAt: new Date(Date.now() - 1000) })
      .where(eq(backupSchedules.vmId, vm.id));
    const vzdumps = cluster.sim.state.tasks.filter((task) => task.type === "vzdump").length;
    expect(await runDueSchedules()).toEqual({ started: 0, refused: 1 });
    await runQueuedJobs();
    expect(cluster.sim.state.tasks.filter((task) => task.type === "vzdump").length).toBe(vzdumps);
  });
});

describe("admins", () => {
  it("protect a backup from removal, lift the protection and delete it; auditors only look", async () => {
    const lou = await createUserWithSession("lou", "member");
    const boss = await createUserWithSession("boss", "admin");
    const audrey = await createUserWithSession("audrey", "auditor");
    await giveQuota(lou.id, roomy);
    const vm = await makePortalVm(cluster, lou, "guarded");
    offset += 60_000;
    const backup = await requestBackup({
      vmId: vm.id,
      person: lou,
      storageId: storages.local.id,
      note: "",
      origin: "manual",
      actor: { id: lou.id, label: "lou" },
    });
    await runQueuedJobs();
    const { volid } = (await getBackupById({ id: backup.id }))!;

    expect(await listBackupStorageCandidates("sim")).toEqual([
      { storage: "local", type: "dir", shared: false, nodes: ["pve1", "pve2", "pve3"] },
      { storage: "pbs", type: "pbs", shared: true, nodes: ["pve1", "pve2", "pve3"] },
    ]);
    actAs(audrey);
    expect(await protectBackupAction({ backupId: backup.id, protect: true })).toMatchObject({ status: 403 });
    expect(await deleteAnyBackupAction({ backupId: backup.id })).toMatchObject({ status: 403 });
    actAs(lou);
    expect(await protectBackupAction({ backupId: backup.id, protect: true })).toMatchObject({ status: 404 });

    actAs(boss);
    expect(await protectBackupAction({ backupId: backup.id, protect: true })).toMatchObject({ ok: true });
    expect(await deleteAnyBackupAction({ backupId: backup.id })).toMatchObject({
      ok: false,
      status: 409,
      error: "This backup is protected; an admin must lift the protection first.",
    });
    actAs(lou);
    expect(await deleteBackupAction({ backupId: backup.id })).toMatchObject({ ok: false, status: 409 });
    expect(onProxmox(volid)).toMatchObject({ protected: true });

    actAs(boss);
    expect(await protectBackupAction({ backupId: backup.id, protect: false })).toMatchObject({ ok: true });
    expect(await deleteAnyBackupAction({ backupId: backup.id })).toMatchObject({ ok: true });
    expect(onProxmox(volid)).toBeUndefined();
    expect(await getBackupById({ id: backup.id })).toMatchObject({ state: "removed" });
  });
});

describe("a deleted VM's backups", () => {
  it("are kept for the setting's time, bring the VM back when restored, then are removed", async () => {
    const kim = await createUserWithSession("kim", "member");
    await giveQuota(kim.id, roomy);
    const actor = { id: kim.id, label: "kim" };
    const gone = await makePortalVm(cluster, kim, "gone");
    const lost = await makePortalVm(cluster, kim, "lost");
    cluster.sim.cluster.writeGuestFile(gone.vmid!, "/srv/keep.txt", "precious\n");
    for (const vm of [gone, lost]) {
      offset += 60_000;
      await requestBackup({
        vmId: vm.id,
        person: kim,
        storageId: storages.pbs.id,
        note: "",
        origin: "manual",
        actor,
      });
    }
    await runQueuedJobs();
    const [goneBackup] = await listBackupsForVm({ vmId: gone.id });
    const [lostBackup] = await listBackupsForVm({ vmId: lost.id });
    for (const vm of [gone, lost])
      await deleteOwnedVm({ vmId: vm.id, person: kim, confirmName: vm.name, actor });
    expect(cluster.sim.cluster.findVm(gone.vmid!)).toBeUndefined();

    expect(await removeExpiredBackups()).toEqual({ removed: 0, kept: 0 });
    const listed = await listMemberBackups(kim);
    expect(listed.map((row) => [row.vmName, row.vmDeleted])).toEqual(
      expect.arrayContaining([
        ["gone", true],
        ["lost", true],
      ]),
    );
    expect((await listBackupsForAdmins()).find((row) => row.id === goneBackup!.id)).toMatchObject({
      ownerLabel: "kim",
      ageDays: 0,
      vmDeleted: true,
    });

    actAs(kim);
    const back = await restoreAsNewVmAction({ backupId: goneBackup!.id, name: "gone" });
    expect(back).toMatchObject({ ok: true });
    if (!back.ok) return;
    await runQueuedJobs();
    const revived = (await getVmById({ id: back.data.vmId }))!;
    expect(revived).toMatchObject({ state: "stopped", name: "gone", stateDetail: null });
    expect(cluster.sim.cluster.findVm(revived.vmid!)?.files?.["/srv/keep.txt"]?.data).toBe("precious\n");
    // Its backups came back with it and no longer expire.
    expect((await listBackupsForVm({ vmId: revived.id })).map((backup) => backup.id)).toContain(
      goneBackup!.id,
    );

    await setSetting("backup.lifecycle", { keepDaysAfterDelete: 1 }, null);
    expect(await removeExpiredBackups(new Date(Date.now() + 0.5 * DAY))).toEqual({ removed: 0, kept: 0 });
    expect(await removeExpiredBackups(new Date(Date.now() + 2 * DAY))).toEqual({ removed: 1, kept: 0 });
    expect(await getBackupById({ id: lostBackup!.id })).toMatchObject({ state: "removed" });
    expect(onProxmox(lostBackup!.volid)).toBeUndefined();
    expect(await getBackupById({ id: goneBackup!.id })).toMatchObject({ state: "done" });
    expect(onProxmox(goneBackup!.volid)).toBeDefined();
  });
});
