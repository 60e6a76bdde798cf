import { beforeAll, describe, expect, it } from "vitest";
import { backupNowAction, listBackupFilesAction } from "@/app/(portal)/vms/[vmId]/backups/actions";
import { GET as downloadRoute } from "@/app/api/backups/[backupId]/download/route";
import { listAuditEvents } from "@/db/queries/audit";
import { getBackupById } from "@/db/queries/backups";
import type { BackupStorage } from "@/db/schema";
import { approveSimBackupStorages, makePortalVm, runQueuedJobs } from "../helpers/backups";
import { actAs, createUserWithSession, type TestUser } from "../helpers/session";
import { giveQuota, setUpClusterTestbed } from "../helpers/testbed";

let offset = 0;
const cluster = setUpClusterTestbed({ sim: { now: () => Date.now() + offset } });
let storages: { pbs: BackupStorage; local: BackupStorage };
const roomy = { vms: 10, cores: 20, memoryMb: 20_480, diskGb: 200, snapshots: 5, backups: 20, backupGb: 200 };
const root = "/drive-scsi0.img.fidx/part/1";

beforeAll(async () => {
  storages = await approveSimBackupStorages(cluster);
});

async function backUp(user: TestUser & { token: string }, vmId: string, storage: BackupStorage) {
  offset += 60_000;
  actAs(user);
  const result = await backupNowAction({ vmId, storageId: storage.id });
  if (!result.ok) throw new Error(result.error);
  await runQueuedJobs();
  return (await getBackupById({ id: result.data.backupId }))!;
}

function download(backupId: string, path: string) {
  return downloadRoute(
    new Request(`http://portal/api/backups/${backupId}/download?path=${encodeURIComponent(path)}`),
    { params: Promise.resolve({ backupId }) },
  );
}

/** The entries of a stored (uncompressed) zip: name and content. */
function unzip(buffer: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  let at = 0;
  while (buffer.readUInt32LE(at) === 0x04034b50) {
    const size = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const extraLength = buffer.readUInt16LE(at + 28);
    const name = buffer.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const start = at + 30 + nameLength + extraLength;
    files[name] = buffer.subarray(start, start + size).toString("utf8");
    at = start + size;
  }
  return files;
}

describe("single-file restore", () => {
  it("browses a PBS backup's files and downloads a file or a folder as it was then, audited", async () => {
    const lia = await createUserWithSession("lia", "member");
    const max = await createUserWithSession("max", "member");
    await giveQuota(lia.id, roomy);
    const vm = await makePortalVm(cluster, lia, "files");
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/site/index.html", "<h1>first</h1>\n");
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/site/notes.txt", "keep me\n");
    const before = await backUp(lia, vm.id, storages.pbs);
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/site/index.html", "<h1>second</h1>\n");
    cluster.sim.cluster.writeGuestFile(vm.vmid!, "/srv/site/notes.txt", null);
    const after = await backUp(lia, vm.id, storages.pbs);

    actAs(lia);
    const disks = await listBackupFilesAction({ backupId: before.id, path: "/" });
    expect(disks).toMatchObject({
      ok: true,
      data: { entries: [{ name: "drive-scsi0.img.fidx", kind: "disk" }] },
    });
    const site = await listBackupFilesAction({ backupId: before.id, path: `${root}/srv/site` });
    expect(site.ok && site.data.entries.map((entry) => [entry.name, entry.kind, entry.path])).toEqual([
      ["index.html", "file", `${root}/srv/site/index.html`],
      ["notes.txt", "file", `${root}/srv/site/notes.txt`],
    ]);
    const later = await listBackupFilesAction({ backupId: after.id, path: `${root}/srv/site` });
    expect(later.ok && later.data.entries.map((entry) => entry.name)).toEqual(["index.html"]);
    expect(await listBackupFilesAction({ backupId: before.id, path: `${root}/srv/nothing` })).toMatchObject({
      ok: false,
      status: 404,
    });

    const file = await download(before.id, `${root}/srv/site/index.html`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain('filename="index.html"');
    expect(await file.text()).toBe("<h1>first</h1>\n");
    expect(await (await download(after.id, `${root}/srv/site/index.html`)).text()).toBe("<h1>second</h1>\n");

    const folder = await download(before.id, `${root}/srv/site`);
    expect(folder.status).toBe(200);
    expect(folder.headers.get("content-type")).toBe("application/zip");
    expect(folder.headers.get("content-disposition")).toContain('filename="site.zip"');
    const zipped = unzip(Buffer.from(await folder.arrayBuffer()));
    expect(zipped).toMatchObject({ "site/index.html": "<h1>first</h1>\n", "site/notes.txt": "keep me\n" });

    expect((await download(before.id, `${root}/srv/site/gone.txt`)).status).toBe(404);
    expect((await download(before.id, "relative/path")).status).toBe(400);

    const audited = await listAuditEvents({ action: "backup.files.download", limit: 10 });
    expect(audited.map((event) => event.detail)).toEqual(
      expect.arrayContaining([{ path: `${root}/srv/site/index.html` }, { path: `${root}/srv/site` }]),
    );

    actAs(max);
    expect(await listBackupFilesAction({ backupId: before.id, path: "/" })).toMatchObject({ status: 404 });
    expect((await download(before.id, `${root}/srv/site/index.html`)).status).toBe(404);
    actAs(null);
    expect((await download(before.id, `${root}/srv/site/index.html`)).status).toBe(404);
  });

  it("says plainly that a directory storage's backups cannot be opened file by file", async () => {
    const ned = await createUserWithSession("ned", "member");
    await giveQuota(ned.id, roomy);
    const vm = await makePortalVm(cluster, ned, "plain");
    const backup = await backUp(ned, vm.id, storages.local);
    actAs(ned);
    expect(await listBackupFilesAction({ backupId: backup.id, path: "/" })).toMatchObject({
      ok: false,
      status: 409,
      error: "Only backups on a Proxmox Backup Server can be opened file by file.",
    });
  });
});
