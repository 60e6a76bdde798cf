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
import { getBackupById } from "@/db/queries/backups";
import { getVmById } from "@/db/queries/vms";
import { type BackupStorage, type ProjectRole, projectMembers, projects, vmShares, vms } from "@/db/schema";
import { getVmBackups, listMemberBackups } from "@/lib/backups/backup-views";
import { getQuotaStatus } from "@/lib/quotas/effective-quota";
import { projectAccount, userAccount } from "@/lib/quotas/quota-account";
import { approveSimBackupStorages, makePortalVm, runQueuedJobs } from "../helpers/backups";
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

async function makeProject(name: string, members: [TestUser, ProjectRole][]) {
  const [project] = await getDb()
    .insert(projects)
    .values({
      name,
      slug: name,
      maxVms: 10,
      maxCores: 20,
      maxMemoryMb: 20_480,
      maxDiskGb: 200,
      maxSnapshots: 5,
      maxBackups: 10,
      maxBackupGb: 100,
    })
    .returning();
  for (const [user, role] of members)
    await getDb().insert(projectMembers).values({ projectId: project!.id, userId: user.id, role });
  return project!;
}

async function backUp(user: TestUser & { token: string }, vmId: string, note = "") {
  offset += 60_000;
  actAs(user);
  const result = await backupNowAction({ vmId, storageId: storages.pbs.id, note });
  if (!result.ok) throw new Error(result.error);
  await runQueuedJobs();
  return (await getBackupById({ id: result.data.backupId }))!;
}

const download = (backupId: string, path = "/drive-scsi0.img.fidx/part/1/etc/hostname") =>
  downloadRoute(
    new Request(`http://portal/api/backups/${backupId}/download?path=${encodeURIComponent(path)}`),
    { params: Promise.resolve({ backupId }) },
  );

const schedule = (vmId: string) => ({
  vmId,
  storageId: storages.pbs.id,
  frequency: "daily" as const,
  time: "02:00",
  keepLast: 1,
  keepDaily: 0,
  keepWeekly: 0,
});

/** Every backup operation of one person on one VM and one of its backups, as the status each answers. */
async function statuses(vmId: string, backupId: string, vmName: string) {
  offset += 60_000;
  const answers = {
    backupNow: await backupNowAction({ vmId, storageId: storages.pbs.id }),
    note: await setBackupNoteAction({ backupId, note: "changed" }),
    schedule: await saveBackupScheduleAction(schedule(vmId)),
    unschedule: await removeBackupScheduleAction({ vmId }),
    restoreNew: await restoreAsNewVmAction({ backupId, name: `${vmName}-copy` }),
    restoreOver: await restoreInPlaceAction({ backupId, confirmName: vmName }),
    browse: await listBackupFilesAction({ backupId, path: "/" }),
    delete: await deleteBackupAction({ backupId }),
  };
  return {
    ...Object.fromEntries(
      Object.entries(answers).map(([name, answer]) => [name, answer.ok ? 200 : answer.status]),
    ),
    download: (await download(backupId)).status,
  };
}

describe("backups follow the one rule", () => {
  it("a project operator backs up and schedules but may not restore, browse or delete", async () => {
    const olga = await createUserWithSession("olga", "member");
    const otto = await createUserWithSession("otto", "member");
    const vic = await createUserWithSession("vic", "member");
    await giveQuota(olga.id, roomy);
    await giveQuota(otto.id, roomy);
    const project = await makeProject("lab", [
      [olga, "owner"],
      [otto, "operator"],
      [vic, "viewer"],
    ]);
    const vm = await makePortalVm(cluster, olga, "lab-db");
    await getDb().update(vms).set({ projectId: project.id }).where(eq(vms.id, vm.id));

    const backup = await backUp(otto, vm.id, "by the operator");
    expect(backup).toMatchObject({ state: "done", projectId: project.id, ownerId: olga.id });
    // A project VM's backup counts in the project's quota only.
    expect((await getQuotaStatus(projectAccount(project.id))).usage.backups).toBe(1);
    expect((await getQuotaStatus(userAccount(olga.id))).usage.backups).toBe(0);
    expect((await getQuotaStatus(userAccount(otto.id))).usage.backups).toBe(0);
    actAs(otto);
    expect(await statuses(vm.id, backup.id, vm.name)).toEqual({
      backupNow: 200,
      note: 200,
      schedule: 200,
      unschedule: 200,
      restoreNew: 403,
      restoreOver: 403,
      browse: 403,
      delete: 403,
      download: 403,
    });
    expect(await restoreInPlaceAction({ backupId: backup.id, confirmName: vm.name })).toMatchObject({
      error: "You may see this VM but not restore it; ask its owner.",
    });
    await runQueuedJobs();
    expect(await getBackupById({ id: backup.id })).toMatchObject({ state: "done", note: "changed" });

    const card = await getVmBackups(otto, vm.id);
    expect(card.may).toEqual({ backup: true, restore: false, delete: false });
    expect(card.backups.map((row) => row.id)).toContain(backup.id);
    const listed = (await listMemberBackups(otto)).find((row) => row.id === backup.id);
    expect(listed).toMatchObject({ vmName: "lab-db", projectId: project.id, may: { restore: false } });

    // The project's viewer sees the backups and may press nothing.
    actAs(vic);
    expect(await backupNowAction({ vmId: vm.id, storageId: storages.pbs.id })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await setBackupNoteAction({ backupId: backup.id, note: "x" })).toMatchObject({ status: 403 });
    expect(await saveBackupScheduleAction(schedule(vm.id))).toMatchObject({ status: 403 });
    expect((await getVmBackups(vic, vm.id)).may).toEqual({ backup: false, restore: false, delete: false });
    expect((await listMemberBackups(vic)).map((row) => row.id)).toContain(backup.id);
  });

  it("the project's owner restores a project VM's backup into a new VM of the project", async () => {
    const pia = await createUserWithSession("pia", "member");
    await giveQuota(pia.id, roomy);
    const project = await makeProject("club", [[pia, "owner"]]);
    const vm = await makePortalVm(cluster, pia, "club-web");
    await getDb().update(vms).set({ projectId: project.id }).where(eq(vms.id, vm.id));
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/data.txt", "club\n");
    const backup = await backUp(pia, vm.id);

    actAs(pia);
    const copy = await restoreAsNewVmAction({ backupId: backup.id, name: "club-web-2" });
    if (!copy.ok) throw new Error(copy.error);
    await runQueuedJobs();
    const restored = (await getVmById({ id: copy.data.vmId }))!;
    expect(restored).toMatchObject({ state: "stopped", projectId: project.id, ownerId: pia.id });
    expect(cluster.sim.cluster.findVm(restored.vmid!)).toMatchObject({ pool: "roostp-club" });
    expect((await getQuotaStatus(projectAccount(project.id))).usage.vms).toBe(2);
    expect((await getQuotaStatus(userAccount(pia.id))).usage).toMatchObject({ vms: 0, backups: 0 });
    expect(await restoreAsNewVmAction({ backupId: backup.id, name: "club-web-2" })).toMatchObject({
      ok: false,
      status: 400,
      error: "club already has a VM called club-web-2.",
    });
    expect(cluster.sim.cluster.findVm(restored.vmid!)?.files?.["/srv/data.txt"]?.data).toBe("club\n");
    expect(await download(backup.id, "/drive-scsi0.img.fidx/part/1/srv/data.txt")).toMatchObject({
      status: 200,
    });

    // An archived project takes no new VMs, restored ones included.
    await getDb().update(projects).set({ archivedAt: new Date() }).where(eq(projects.id, project.id));
    expect(await restoreAsNewVmAction({ backupId: backup.id, name: "club-web-3" })).toMatchObject({
      ok: false,
      status: 409,
      error: "club is archived; it takes no new VMs.",
    });
    expect(await deleteBackupAction({ backupId: backup.id })).toMatchObject({ ok: true });
  });

  it("a shared viewer sees the backups and may not back up; a stranger gets 404 for all of it", async () => {
    const pat = await createUserWithSession("pat", "member");
    const sid = await createUserWithSession("sid", "member");
    const mallory = await createUserWithSession("mallory", "member");
    await giveQuota(pat.id, roomy);
    await giveQuota(mallory.id, roomy);
    const vm = await makePortalVm(cluster, pat, "shared");
    const backup = await backUp(pat, vm.id, "pat's");
    await getDb()
      .insert(vmShares)
      .values({ vmId: vm.id, userId: sid.id, role: "viewer", createdById: pat.id });

    actAs(sid);
    expect(await statuses(vm.id, backup.id, vm.name)).toEqual({
      backupNow: 403,
      note: 403,
      schedule: 403,
      unschedule: 403,
      restoreNew: 403,
      restoreOver: 403,
      browse: 403,
      delete: 403,
      download: 403,
    });
    const card = await getVmBackups(sid, vm.id);
    expect(card.backups).toMatchObject([{ id: backup.id, note: "pat's" }]);
    expect(card.may).toEqual({ backup: false, restore: false, delete: false });
    expect((await listMemberBackups(sid)).map((row) => row.id)).toEqual([backup.id]);

    actAs(mallory);
    expect(await statuses(vm.id, backup.id, vm.name)).toEqual({
      backupNow: 404,
      note: 404,
      schedule: 404,
      unschedule: 404,
      restoreNew: 404,
      restoreOver: 404,
      browse: 404,
      delete: 404,
      download: 404,
    });
    await expect(getVmBackups(mallory, vm.id)).rejects.toMatchObject({ kind: "not-found" });
    expect(await listMemberBackups(mallory)).toEqual([]);

    // A share that has ended shows nothing any more.
    await getDb()
      .update(vmShares)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(vmShares.vmId, vm.id));
    actAs(sid);
    expect(await setBackupNoteAction({ backupId: backup.id, note: "x" })).toMatchObject({ status: 404 });
    expect(await listMemberBackups(sid)).toEqual([]);
    await runQueuedJobs();
    expect(await getBackupById({ id: backup.id })).toMatchObject({ state: "done", note: "pat's" });
    expect((await getQuotaStatus(userAccount(mallory.id))).usage).toMatchObject({ vms: 0, backups: 0 });
  });
});
