import { request } from "node:https";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Exchange } from "@/pve-sim/server";
import type { SimTask } from "@/pve-sim/state/model";
import { loadPveSchema, validateRequest, validateReturn } from "../helpers/pve-schema";
import { startTestCluster, type TestCluster } from "../helpers/pve-sim";
import { simRequest } from "../helpers/sim-request";
import { waitFor } from "../helpers/wait-for";

/**
 * Backups in the simulator against the Perl sources they follow: pve-manager PVE/API2/VZDump.pm and
 * PVE/VZDump.pm, qemu-server PVE/VZDump/QemuServer.pm (the guest's side of a backup) and
 * PVE/API2/Qemu.pm create_vm with `archive` (restore), pve-storage PVE/API2/Storage/Content.pm,
 * PVE/Storage.pm check_volume_access, DirPlugin.pm / PBSPlugin.pm attributes and
 * PVE/API2/Storage/FileRestore.pm.
 */
let cluster: TestCluster;
/** The simulator's clock runs this many milliseconds ahead, so two backups never share a second. */
let offset = 0;
let serial = 0;
const exchanges: Exchange[] = [];

const raw = (method: string, path: string, params: Record<string, string> = {}, token?: string) =>
  simRequest(cluster.sim, method, path, params, token ? `PVEAPIToken=${token}` : undefined);

async function call<T = unknown>(method: string, path: string, params: Record<string, string> = {}) {
  const answer = await raw(method, path, params);
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status} ${answer.message}`);
  return answer.data as T;
}

function taskOf(upid: string): SimTask {
  return cluster.sim.state.tasks.find((task) => task.upid === upid)!;
}

async function finished(upid: string): Promise<SimTask> {
  return waitFor(`task ${upid}`, () => (taskOf(upid)?.status === "stopped" ? taskOf(upid) : null));
}

interface BackupItem {
  volid: string;
  format: string;
  size: number;
  ctime: number;
  vmid: number;
  notes?: string;
  protected?: number;
  content: string;
  subtype?: string;
}

async function backups(storage: string, vmid?: number): Promise<BackupItem[]> {
  return call<BackupItem[]>("GET", `/nodes/pve1/storage/${storage}/content`, {
    content: "backup",
    ...(vmid ? { vmid: String(vmid) } : {}),
  });
}

/** A backup through the API, a minute after the last one on the simulator's clock. */
async function backUp(node: string, vmid: number, params: Record<string, string> = {}) {
  offset += 60_000;
  const upid = await call<string>("POST", `/nodes/${node}/vzdump`, { vmid: String(vmid), ...params });
  return finished(upid);
}

async function newestBackup(storage: string, vmid: number): Promise<BackupItem> {
  const list = await backups(storage, vmid);
  return list.toSorted((a, b) => b.ctime - a.ctime)[0]!;
}

/** A stopped VM of our own on pve1, cloned from the Debian template. */
async function ownVm(): Promise<number> {
  const vmid = 600 + ++serial;
  await finished(
    await call<string>("POST", "/nodes/pve1/qemu/9000/clone", { newid: String(vmid), name: `own-${vmid}` }),
  );
  return vmid;
}

/** A user and privilege-separated token holding `role` on each path, made through the access API. */
async function tokenWith(grants: { path: string; privs: string[] }[]): Promise<string> {
  const userid = `backup${++serial}@pve`;
  await call("POST", "/access/users", { userid });
  const token = await call<{ "full-tokenid": string; value: string }>(
    "POST",
    `/access/users/${userid}/token/tk`,
    { privsep: "1" },
  );
  for (const [index, grant] of grants.entries()) {
    const roleid = `Backup${serial}x${index}`;
    await call("POST", "/access/roles", { roleid, privs: grant.privs.join(",") });
    await call("PUT", "/access/acl", {
      path: grant.path,
      roles: roleid,
      users: userid,
      tokens: token["full-tokenid"],
    });
  }
  return `${token["full-tokenid"]}=${token.value}`;
}

const status = (node: string, vmid: number) =>
  call<{ status: string; qmpstatus: string; lock?: string }>(
    "GET",
    `/nodes/${node}/qemu/${vmid}/status/current`,
  );

beforeAll(async () => {
  cluster = await startTestCluster(
    { now: () => Date.now() + offset, onExchange: (exchange) => exchanges.push(exchange) },
    {},
    { superuser: true },
  );
});
afterAll(() => cluster?.close());
beforeEach(() => {
  cluster.sim.setFaults({ failTasks: [], hangTasks: [] });
});

describe("vzdump (pve-manager PVE/API2/VZDump.pm, PVE/VZDump.pm)", () => {
  it("runs a `vzdump` task whose log reads as PVE's and leaves a dir archive vzdump-qemu-<vmid>-<time>.vma.zst", async () => {
    const upid = await call<string>("POST", "/nodes/pve2/vzdump", {
      vmid: "100",
      storage: "local",
      mode: "snapshot",
      compress: "zstd",
    });
    expect(upid).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzdump:100:root@pam!sim:$/);
    const task = await finished(upid);
    expect(task.exitstatus).toBe("OK");
    expect(task.log[0]).toMatch(/^INFO: starting new backup job: vzdump 100 /);
    expect(task.log).toEqual(
      expect.arrayContaining([
        "INFO: Starting Backup of VM 100 (qemu)",
        "INFO: status = running",
        "INFO: VM Name: infra-dns",
        "INFO: include disk 'scsi0' 'local-lvm:vm-100-disk-0' 16G",
        "INFO: backup mode: snapshot",
        "INFO: resuming VM again",
        "INFO: Backup job finished successfully",
      ]),
    );
    expect(task.log.at(-1)).toBe("TASK OK");
    const started = new Date(task.starttime * 1000).toISOString();
    const stamp = `${started.slice(0, 10).replaceAll("-", "_")}-${started.slice(11, 19).replaceAll(":", "_")}`;
    const volume = await newestBackup("local", 100);
    expect(volume).toMatchObject({
      volid: `local:backup/vzdump-qemu-100-${stamp}.vma.zst`,
      format: "vma.zst",
      content: "backup",
      subtype: "qemu",
      vmid: 100,
      ctime: task.starttime,
    });
    expect(task.log).toContain(
      `INFO: creating vzdump archive '/var/lib/vz/dump/vzdump-qemu-100-${stamp}.vma.zst'`,
    );
    expect(await status("pve2", 100)).toMatchObject({ status: "running", qmpstatus: "running" });
    expect((await status("pve2", 100)).lock).toBeUndefined();
  });

  it("names a PBS backup backup/vm/<vmid>/<ISO time>Z, format pbs-vm (PBSPlugin.pm print_volid)", async () => {
    const task = await backUp("pve2", 100, { storage: "pbs" });
    expect(task.exitstatus).toBe("OK");
    const iso = new Date(task.starttime * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const volume = await newestBackup("pbs", 100);
    expect(volume).toMatchObject({ volid: `pbs:backup/vm/100/${iso}`, format: "pbs-vm", vmid: 100 });
    expect(task.log).toContain(`INFO: creating Proxmox Backup Server archive 'vm/100/${iso}'`);
    const [store] = await call<{ used: number }[]>("GET", "/nodes/pve2/storage", { storage: "pbs" });
    expect(store!.used).toBe((await backups("pbs")).reduce((total, item) => total + item.size, 0));
  });

  it("in stop mode shuts a running VM down for the backup and runs it again (VZDump/QemuServer.pm stop_vm, resume_vm_after_job_start)", async () => {
    const vmid = await ownVm();
    await finished(await call<string>("POST", `/nodes/pve1/qemu/${vmid}/status/start`));
    cluster.sim.setFaults({ hangTasks: ["vzdump"] });
    offset += 60_000;
    const bootedAt = cluster.sim.cluster.findVm(vmid)!.startedAt!;
    const upid = await call<string>("POST", "/nodes/pve1/vzdump", { vmid: String(vmid), mode: "stop" });
    // Shut down, then started frozen for the backup job (enforce_vm_running_for_backup).
    expect(await status("pve1", vmid)).toMatchObject({
      status: "running",
      qmpstatus: "prelaunch",
      lock: "backup",
    });
    cluster.sim.setFaults({ hangTasks: [] });
    const task = await finished(upid);
    expect(task.exitstatus).toBe("OK");
    expect(task.log).toEqual(
      expect.arrayContaining([
        "INFO: backup mode: stop",
        "INFO: stopping virtual guest",
        "INFO: starting kvm to execute backup task",
      ]),
    );
    expect(task.log.some((line) => /^INFO: resuming VM again after \d+ seconds$/.test(line))).toBe(true);
    expect(await status("pve1", vmid)).toMatchObject({ status: "running", qmpstatus: "running" });
    expect(cluster.sim.cluster.findVm(vmid)!.startedAt!).toBeGreaterThan(bootedAt);
  });

  it("in suspend mode pauses the running VM and resumes it (PVE/VZDump.pm suspend branch)", async () => {
    cluster.sim.setFaults({ hangTasks: ["vzdump"] });
    offset += 60_000;
    const upid = await call<string>("POST", "/nodes/pve2/vzdump", { vmid: "100", mode: "suspend" });
    expect(await status("pve2", 100)).toMatchObject({
      status: "running",
      qmpstatus: "paused",
      lock: "backup",
    });
    cluster.sim.setFaults({ hangTasks: [] });
    const task = await finished(upid);
    expect(task.exitstatus).toBe("OK");
    expect(task.log).toEqual(expect.arrayContaining(["INFO: suspending guest", "INFO: resume vm"]));
    expect(await status("pve2", 100)).toMatchObject({ status: "running", qmpstatus: "running" });
  });

  it("runs one vzdump job per node at a time: the next one waits for the global lock (PVE/VZDump.pm getlock)", async () => {
    const vmid = await ownVm();
    cluster.sim.setFaults({ hangTasks: ["vzdump"] });
    offset += 60_000;
    const first = await call<string>("POST", "/nodes/pve2/vzdump", { vmid: "100" });
    const second = await call<string>("POST", "/nodes/pve1/vzdump", { vmid: String(vmid) });
    const third = await call<string>("POST", "/nodes/pve2/vzdump", { vmid: "100", storage: "pbs" });
    expect(taskOf(third).log).toEqual(["INFO: trying to get global lock - waiting..."]);
    expect(taskOf(third).status).toBe("running");
    // Another node's job does not wait: its guest is locked for its backup at once.
    expect(await status("pve1", vmid)).toMatchObject({ lock: "backup" });
    cluster.sim.setFaults({ hangTasks: [] });
    expect((await finished(first)).exitstatus).toBe("OK");
    expect((await finished(second)).exitstatus).toBe("OK");
    const waited = await finished(third);
    expect(waited.exitstatus).toBe("OK");
    expect(waited.log.slice(0, 2)).toEqual([
      "INFO: trying to get global lock - waiting...",
      "INFO: got global lock",
    ]);
  });

  it("backs up a stopped VM in stop mode whatever the mode asked, frozen while it runs, and stops it after (exec_backup_task)", async () => {
    const vmid = await ownVm();
    cluster.sim.setFaults({ hangTasks: ["vzdump"] });
    offset += 60_000;
    const upid = await call<string>("POST", "/nodes/pve1/vzdump", { vmid: String(vmid), mode: "snapshot" });
    expect(await status("pve1", vmid)).toMatchObject({ status: "running", qmpstatus: "prelaunch" });
    cluster.sim.setFaults({ hangTasks: [] });
    const task = await finished(upid);
    expect(task.log).toEqual(
      expect.arrayContaining([
        "INFO: status = stopped",
        "INFO: backup mode: stop",
        "INFO: stopping kvm after backup task",
      ]),
    );
    expect(await status("pve1", vmid)).toMatchObject({ status: "stopped" });
  });

  it("answers OK without a task for a VM on another node, and refuses a vzdump without a guest (verify_vzdump_parameters)", async () => {
    expect(await call("POST", "/nodes/pve1/vzdump", { vmid: "100" })).toBe("OK");
    const missing = await raw("POST", "/nodes/pve1/vzdump", { storage: "local" });
    expect(missing).toMatchObject({ status: 400, errors: { vmid: "property is missing" } });
    const notes = await raw("POST", "/nodes/pve2/vzdump", { vmid: "100", "notes-template": "{{vmid}}" });
    expect(notes.errors).toEqual({ storage: "missing property required by 'notes-template'" });
    const both = await raw("POST", "/nodes/pve1/vzdump", { vmid: "100", all: "1" });
    expect(both.errors).toEqual({ all: "option conflicts with option 'vmid'" });
    const template = await raw("POST", "/nodes/pve2/vzdump", {
      vmid: "100",
      storage: "local",
      "notes-template": "{{owner}}",
    });
    expect(template.errors?.["notes-template"]).toBe("found unknown: variable 'owner' at char 2");
  });

  it("fails the task for a storage without backup content, before any guest (PVE/VZDump.pm storage_info)", async () => {
    offset += 60_000;
    const upid = await call<string>("POST", "/nodes/pve2/vzdump", { vmid: "100", storage: "local-lvm" });
    const task = await finished(upid);
    expect(task.exitstatus).toBe(
      "could not get storage information for 'local-lvm': can't use storage 'local-lvm' for backups - wrong content type",
    );
    expect((await status("pve2", 100)).lock).toBeUndefined();
  });

  it("a vzdump failed through the fault hook logs PVE's error lines, ends 'job errors' and leaves no volume", async () => {
    const before = (await backups("local", 100)).length;
    cluster.sim.setFaults({ failTasks: [{ type: "vzdump", message: "zstd failed - wrong exit status 1" }] });
    const task = await backUp("pve2", 100, { storage: "local", mode: "suspend" });
    expect(task.exitstatus).toBe("job errors");
    expect(task.log.slice(-4)).toEqual([
      "ERROR: Backup of VM 100 failed - zstd failed - wrong exit status 1",
      expect.stringMatching(/^INFO: Failed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      "INFO: Backup job finished with errors",
      "TASK ERROR: job errors",
    ]);
    expect((await backups("local", 100)).length).toBe(before);
    expect(await status("pve2", 100)).toMatchObject({ qmpstatus: "running" });
    expect((await status("pve2", 100)).lock).toBeUndefined();
  });

  it("refuses a locked guest inside the job (AbstractConfig set_lock) and counts it as a job error", async () => {
    const vmid = await ownVm();
    cluster.sim.state.vms.find((vm) => vm.vmid === vmid)!.lock = "snapshot";
    const task = await backUp("pve1", vmid);
    expect(task.exitstatus).toBe("job errors");
    expect(task.log).toContain(`ERROR: Backup of VM ${vmid} failed - VM is locked (snapshot)`);
    expect(await backups("local", vmid)).toEqual([]);
    cluster.sim.state.vms.find((vm) => vm.vmid === vmid)!.lock = undefined;
  });
});

describe("backup volumes in storage content (pve-storage PVE/API2/Storage/Content.pm)", () => {
  it("lists a guest's backups with vmid filter, size, ctime, the notes' first line and protection (Plugin.pm list_volumes)", async () => {
    const vmid = await ownVm();
    const first = await backUp("pve1", vmid, {
      storage: "local",
      "notes-template": "{{guestname}} on {{node}}\\nsecond line",
    });
    await backUp("pve1", vmid, { storage: "local", protected: "1" });
    await backUp("pve2", 100);
    const listed = await backups("local", vmid);
    expect(listed.map((item) => item.vmid)).toEqual([vmid, vmid]);
    const [older, newer] = listed.toSorted((a, b) => a.ctime - b.ctime);
    expect(older).toMatchObject({ ctime: first.starttime, notes: `own-${vmid} on pve1` });
    expect(older!.size).toBeGreaterThan(0);
    expect(older!.protected).toBeUndefined();
    expect(newer).toMatchObject({ protected: 1 });
    expect(newer!.notes).toBeUndefined();
    const withIsos = await call<BackupItem[]>("GET", "/nodes/pve1/storage/local/content", {
      vmid: String(vmid),
    });
    expect(withIsos.every((item) => item.content === "backup")).toBe(true);
  });

  it("reads and updates notes and protection of one backup (DirPlugin.pm, PBSPlugin.pm update_volume_attribute)", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid, { storage: "pbs" });
    const { volid } = await newestBackup("pbs", vmid);
    const path = `/nodes/pve1/storage/pbs/content/${encodeURIComponent(volid)}`;
    await call("PUT", path, { notes: "before the upgrade\nkept for a week", protected: "1" });
    expect(await call("GET", path)).toMatchObject({
      format: "pbs-vm",
      notes: "before the upgrade\nkept for a week",
      protected: 1,
      path: expect.stringContaining(volid.slice("pbs:backup/".length)),
    });
    expect(await newestBackup("pbs", vmid)).toMatchObject({ notes: "before the upgrade", protected: 1 });
    await call("PUT", path, { notes: "", protected: "0" });
    const cleared = await call<Record<string, unknown>>("GET", path);
    expect(cleared.notes).toBeUndefined();
    expect(cleared.protected).toBe(0);
  });

  it("refuses to delete a protected backup in the imgdel worker, and deletes it once unprotected (Plugin.pm free_image)", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid, { storage: "local", protected: "1" });
    const { volid } = await newestBackup("local", vmid);
    const path = `/nodes/pve1/storage/local/content/${encodeURIComponent(volid)}`;
    const refused = await finished(await call<string>("DELETE", path));
    expect(refused.type).toBe("imgdel");
    expect(refused.id).toBe(`${vmid}@local`);
    expect(refused.exitstatus).toBe(
      `cannot remove protected volume '${volid.slice("local:".length)}' on 'local'`,
    );
    expect((await backups("local", vmid)).map((item) => item.volid)).toEqual([volid]);
    await call("PUT", path, { protected: "0" });
    expect(await call("DELETE", path, { delay: "5" })).toBeNull();
    expect(await backups("local", vmid)).toEqual([]);
  });

  it("refuses to delete a protected PBS snapshot as proxmox-backup-client reports it", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid, { storage: "pbs", protected: "1" });
    const { volid } = await newestBackup("pbs", vmid);
    const answer = await raw("DELETE", `/nodes/pve1/storage/pbs/content/${encodeURIComponent(volid)}`, {
      delay: "5",
    });
    expect(answer.status).toBe(500);
    expect(answer.message).toMatch(
      /^proxmox-backup-client failed: command '.*forget vm\/\d+\/.*' failed: exit code 255$/,
    );
    expect((await backups("pbs", vmid)).length).toBe(1);
  });
});

describe("restore (qemu-server PVE/API2/Qemu.pm create_vm with archive)", () => {
  it("restores into a new VMID: a `qmrestore` task, the backed-up config with the disks renamed for the new VM", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid);
    const { volid } = await newestBackup("local", vmid);
    const newid = 700 + serial;
    const upid = await call<string>("POST", "/nodes/pve1/qemu", {
      vmid: String(newid),
      archive: volid,
      unique: "1",
    });
    expect(upid).toContain(`:qmrestore:${newid}:`);
    const task = await finished(upid);
    expect(task.exitstatus).toBe("OK");
    expect(task.log).toContain(`new volume ID is 'local-lvm:vm-${newid}-disk-0'`);
    const config = await call<Record<string, string>>("GET", `/nodes/pve1/qemu/${newid}/config`);
    expect(config).toMatchObject({ name: `own-${vmid}`, scsi0: `local-lvm:vm-${newid}-disk-0,size=3G` });
    expect(config.lock).toBeUndefined();
    expect(await status("pve1", newid)).toMatchObject({ status: "stopped" });
  });

  it("brings a deleted VM back under its own VMID from the backup that outlived it (qmdestroy keeps backups)", async () => {
    const vmid = await ownVm();
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/kept.txt", "still here\n");
    await backUp("pve1", vmid, { storage: "pbs" });
    const { volid } = await newestBackup("pbs", vmid);
    await finished(await call<string>("DELETE", `/nodes/pve1/qemu/${vmid}`, { purge: "1" }));
    expect(cluster.sim.cluster.findVm(vmid)).toBeUndefined();
    expect((await backups("pbs", vmid)).map((item) => item.volid)).toEqual([volid]);
    const task = await finished(
      await call<string>("POST", "/nodes/pve1/qemu", { vmid: String(vmid), archive: volid }),
    );
    expect(task.exitstatus).toBe("OK");
    expect(await call("GET", `/nodes/pve1/qemu/${vmid}/config`)).toMatchObject({ name: `own-${vmid}` });
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/kept.txt"]!.data).toBe("still here\n");
  });

  it("restores over an existing stopped VM only with force=1, bringing back its config and files", async () => {
    const vmid = await ownVm();
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/data.txt", "version one\n");
    await backUp("pve1", vmid, { storage: "pbs" });
    const { volid } = await newestBackup("pbs", vmid);
    await call("PUT", `/nodes/pve1/qemu/${vmid}/config`, { name: "renamed", cores: "4" });
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/data.txt", null);
    const refused = await raw("POST", "/nodes/pve1/qemu", { vmid: String(vmid), archive: volid });
    expect(refused).toMatchObject({
      status: 500,
      message: `unable to restore VM ${vmid} - VM ${vmid} already exists on node 'pve1'`,
    });
    const task = await finished(
      await call<string>("POST", "/nodes/pve1/qemu", { vmid: String(vmid), archive: volid, force: "1" }),
    );
    expect(task.exitstatus).toBe("OK");
    expect(await call("GET", `/nodes/pve1/qemu/${vmid}/config`)).toMatchObject({
      name: `own-${vmid}`,
      cores: 1,
    });
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/data.txt"]!.data).toBe("version one\n");
  });

  it("refuses to restore over a running VM inside the worker and leaves it running (create_vm restorefn)", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid);
    const { volid } = await newestBackup("local", vmid);
    await finished(await call<string>("POST", `/nodes/pve1/qemu/${vmid}/status/start`));
    const before = await call("GET", `/nodes/pve1/qemu/${vmid}/config`);
    const task = await finished(
      await call<string>("POST", "/nodes/pve1/qemu", { vmid: String(vmid), archive: volid, force: "1" }),
    );
    expect(task.exitstatus).toBe(`unable to restore VM ${vmid} - vm is running`);
    expect(task.log).toContain(
      `error before or during data restore, some or all disks were not completely restored. VM ${vmid} state is NOT cleaned up.`,
    );
    expect(await status("pve1", vmid)).toMatchObject({ status: "running" });
    expect(await call("GET", `/nodes/pve1/qemu/${vmid}/config`)).toEqual(before);
  });

  it("a restore failed during the data phase leaves the old VM's disks gone, as PVE does not clean up", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid);
    const { volid } = await newestBackup("local", vmid);
    cluster.sim.setFaults({ failTasks: [{ type: "qmrestore", message: "vma extract failed" }] });
    const task = await finished(
      await call<string>("POST", "/nodes/pve1/qemu", { vmid: String(vmid), archive: volid, force: "1" }),
    );
    expect(task.exitstatus).toBe("vma extract failed");
    const config = await call<Record<string, unknown>>("GET", `/nodes/pve1/qemu/${vmid}/config`);
    expect(config.scsi0).toBeUndefined();
    expect(config.lock).toBeUndefined();
  });
});

describe("backup privileges (PVE/VZDump.pm exec_backup, Storage.pm check_volume_access)", () => {
  it("refuses a vzdump without Datastore.AllocateSpace on the storage before any task", async () => {
    const token = await tokenWith([{ path: "/vms/100", privs: ["VM.Backup", "VM.Audit"] }]);
    const answer = await raw("POST", "/nodes/pve2/vzdump", { vmid: "100", storage: "local" }, token);
    expect(answer).toMatchObject({
      status: 403,
      message: "Permission check failed (/storage/local, Datastore.AllocateSpace)",
    });
  });

  it("fails the vzdump task of a token without VM.Backup on the guest, as exec_backup checks it in the worker", async () => {
    const token = await tokenWith([{ path: "/storage", privs: ["Datastore.AllocateSpace"] }]);
    const answer = await raw("POST", "/nodes/pve2/vzdump", { vmid: "100", storage: "local" }, token);
    expect(answer.status).toBe(200);
    const task = await finished(answer.data as string);
    expect(task.exitstatus).toBe("Permission check failed (/vms/100, VM.Backup)");
  });

  it("shows, changes and deletes a guest's backup only with VM.Backup on it and AllocateSpace on the storage", async () => {
    await backUp("pve2", 100);
    const { volid } = await newestBackup("local", 100);
    const path = `/nodes/pve1/storage/local/content/${encodeURIComponent(volid)}`;
    const outsider = await tokenWith([{ path: "/storage", privs: ["Datastore.AllocateSpace"] }]);
    const listed = (await raw("GET", "/nodes/pve1/storage/local/content", { content: "backup" }, outsider))
      .data as BackupItem[];
    expect(listed.some((item) => item.vmid === 100)).toBe(false);
    expect(await raw("GET", path, {}, outsider)).toMatchObject({
      status: 403,
      message: "Permission check failed (/vms/100, VM.Backup)",
    });
    expect((await raw("DELETE", path, {}, outsider)).status).toBe(403);
    const owner = await tokenWith([
      { path: "/storage", privs: ["Datastore.AllocateSpace"] },
      { path: "/vms/100", privs: ["VM.Backup"] },
    ]);
    expect((await raw("PUT", path, { notes: "mine" }, owner)).status).toBe(200);
  });

  it("lets VM.Backup alone restore over the existing VM with force, but not into a new VMID", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid);
    const { volid } = await newestBackup("local", vmid);
    const token = await tokenWith([
      { path: `/vms/${vmid}`, privs: ["VM.Backup"] },
      { path: "/storage", privs: ["Datastore.AllocateSpace"] },
      // check_restore_permissions: the restored config's bridge needs SDN.Use.
      { path: "/sdn/zones/localnetwork/vmbr0", privs: ["SDN.Use"] },
    ]);
    const fresh = await raw("POST", "/nodes/pve1/qemu", { vmid: "799", archive: volid }, token);
    expect(fresh).toMatchObject({ status: 403, message: "Permission check failed" });
    const inPlace = await raw(
      "POST",
      "/nodes/pve1/qemu",
      { vmid: String(vmid), archive: volid, force: "1" },
      token,
    );
    expect(inPlace.status).toBe(200);
    expect((await finished(inPlace.data as string)).exitstatus).toBe("OK");
  });
});

interface ListEntry {
  filepath: string;
  text: string;
  type: string;
  leaf: number;
  size?: number;
  mtime?: number;
}

const b64 = (path: string) => Buffer.from(path).toString("base64");
const fromB64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

/** A raw GET whose answer is a file, as pveproxy streams a `download`. */
function download(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; type?: string; body: Buffer }> {
  const url = new URL(`${cluster.sim.apiUrl}${path}?${new URLSearchParams(params)}`);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca: cluster.sim.ca, headers: { Authorization: `PVEAPIToken=${cluster.sim.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"],
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The stored entries of a zip, read from its local headers. */
function unzipStored(archive: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const size = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const extra = archive.readUInt16LE(at + 28);
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const start = at + 30 + nameLength + extra;
    files[name] = archive.subarray(start, start + size).toString("utf8");
    at = start + size;
  }
  return files;
}

describe("retention (pve-storage PVE/Storage.pm prune_mark_backup_group, PVE/API2/Storage/PruneBackups.pm)", () => {
  it("prunes a guest's older backups after a vzdump with prune-backups, never a protected one (PVE/VZDump.pm)", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid, { storage: "local", protected: "1" });
    await backUp("pve1", vmid);
    await backUp("pve1", vmid);
    const [oldest, middle, newer] = (await backups("local", vmid)).toSorted((a, b) => a.ctime - b.ctime);
    const task = await backUp("pve1", vmid, { "prune-backups": "keep-last=2" });
    expect(task.log).toEqual(
      expect.arrayContaining([
        "INFO: prune older backups with retention: keep-last=2",
        `INFO: removing backup '${middle!.volid}'`,
        "INFO: pruned 1 backup(s) not covered by keep-retention policy",
      ]),
    );
    const left = (await backups("local", vmid)).map((item) => item.volid);
    expect(left).toHaveLength(3);
    expect(left).toEqual(expect.arrayContaining([oldest!.volid, newer!.volid]));
  });

  it("refuses a backup over the retention's sum when remove=0 keeps vzdump from pruning", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid);
    const task = await backUp("pve1", vmid, { "prune-backups": "keep-last=1", remove: "0" });
    expect(task.exitstatus).toBe("job errors");
    expect(task.log).toContain(
      `ERROR: Backup of VM ${vmid} failed - There is a max backup limit of 1 enforced by the target storage or the vzdump parameters. Either increase the limit or delete old backups.`,
    );
    expect(await backups("local", vmid)).toHaveLength(1);
  });

  it("previews the marks with GET prunebackups and removes with DELETE in a prunebackups task", async () => {
    const vmid = await ownVm();
    await backUp("pve1", vmid, { storage: "pbs" });
    await backUp("pve1", vmid, { storage: "pbs" });
    await backUp("pve1", vmid, { storage: "pbs", protected: "1" });
    const marks = await call<{ volid: string; ctime: number; mark: string; type: string; vmid: number }[]>(
      "GET",
      "/nodes/pve1/storage/pbs/prunebackups",
      { vmid: String(vmid), "prune-backups": "keep-last=1" },
    );
    const byAge = marks.toSorted((a, b) => a.ctime - b.ctime).map((entry) => entry.mark);
    expect(byAge).toEqual(["remove", "keep", "protected"]);
    expect(marks.every((entry) => entry.type === "qemu" && entry.vmid === vmid)).toBe(true);
    const missing = await raw("GET", "/nodes/pve1/storage/pbs/prunebackups", { vmid: String(vmid) });
    expect(missing).toMatchObject({
      status: 500,
      message: "no prune-backups options configured for storage 'pbs'",
    });
    const upid = await call<string>("DELETE", "/nodes/pve1/storage/pbs/prunebackups", {
      vmid: String(vmid),
      "prune-backups": "keep-last=1",
    });
    const task = await finished(upid);
    expect([task.type, task.id, task.exitstatus]).toEqual(["prunebackups", `${vmid}@pbs`, "OK"]);
    expect((await backups("pbs", vmid)).length).toBe(2);
  });

  it("asks Datastore.Allocate for a vzdump's own retention, and VM.Backup for pruning one guest", async () => {
    const token = await tokenWith([
      { path: "/vms/100", privs: ["VM.Backup"] },
      { path: "/storage", privs: ["Datastore.AllocateSpace"] },
    ]);
    const vzdump = await raw(
      "POST",
      "/nodes/pve2/vzdump",
      { vmid: "100", "prune-backups": "keep-last=1" },
      token,
    );
    expect(vzdump).toMatchObject({
      status: 403,
      message: "Permission check failed (/storage/local, Datastore.Allocate)",
    });
    const all = await raw(
      "DELETE",
      "/nodes/pve2/storage/local/prunebackups",
      { "prune-backups": "keep-last=1" },
      token,
    );
    expect(all).toMatchObject({
      status: 403,
      message: "Permission check failed (/storage/local, Datastore.Allocate)",
    });
    const mine = await raw(
      "DELETE",
      "/nodes/pve2/storage/local/prunebackups",
      { vmid: "100", "prune-backups": "keep-all=1" },
      token,
    );
    expect(mine.status).toBe(200);
  });
});

describe("single-file restore from PBS (pve-storage PVE/API2/Storage/FileRestore.pm)", () => {
  let vmid: number;
  let before: string;
  let after: string;
  const list = (volume: string, filepath: string) =>
    call<ListEntry[]>("GET", "/nodes/pve1/storage/pbs/file-restore/list", { volume, filepath });
  const files = "/drive-scsi0.img.fidx/part/1";

  beforeAll(async () => {
    vmid = await ownVm();
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/app/data.txt", "version one\n");
    await backUp("pve1", vmid, { storage: "pbs" });
    before = (await newestBackup("pbs", vmid)).volid;
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/app/data.txt", "version two, longer\n");
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/app/new.txt", "only after\n");
    await backUp("pve1", vmid, { storage: "pbs" });
    after = (await newestBackup("pbs", vmid)).volid;
  });

  it("lists the snapshot's disk archives, their partition bucket and the partition as a file system root", async () => {
    expect(await list(before, "/")).toEqual([
      {
        filepath: b64("/drive-scsi0.img.fidx"),
        text: "drive-scsi0.img.fidx",
        type: "v",
        leaf: 0,
        size: 3 * 1024 ** 3,
      },
    ]);
    expect(await list(before, b64("/drive-scsi0.img.fidx"))).toEqual([
      { filepath: b64("/drive-scsi0.img.fidx/part"), text: "part", type: "v", leaf: 0 },
    ]);
    const partitions = await list(before, b64("/drive-scsi0.img.fidx/part"));
    expect(partitions.map((item) => [fromB64(item.filepath), item.type, item.leaf])).toEqual([
      [files, "d", 0],
    ]);
    const root = await list(before, b64(files));
    expect(root.map((item) => item.text)).toEqual(["etc", "home", "srv", "var"]);
    expect(root.every((item) => item.type === "d" && item.leaf === 0)).toBe(true);
  });

  it("lists a folder with each file's size and mtime, and a file as itself, in the backup's state", async () => {
    const old = await list(before, b64(`${files}/srv/app`));
    expect(old).toEqual([
      expect.objectContaining({
        filepath: b64(`${files}/srv/app/data.txt`),
        text: "data.txt",
        type: "f",
        leaf: 1,
        size: 12,
      }),
    ]);
    expect(old[0]!.mtime).toBeGreaterThan(0);
    const now = await list(after, b64(`${files}/srv/app`));
    expect(now.map((item) => [item.text, item.size])).toEqual([
      ["data.txt", 20],
      ["new.txt", 11],
    ]);
    expect(await list(after, b64(`${files}/srv/app/new.txt`))).toEqual([
      expect.objectContaining({ text: "new.txt", type: "f", leaf: 1 }),
    ]);
    const missing = await raw("GET", "/nodes/pve1/storage/pbs/file-restore/list", {
      volume: before,
      filepath: b64(`${files}/srv/app/new.txt`),
    });
    expect(missing.status).toBe(500);
  });

  it("downloads a file's bytes as they were in each backup, and starts a pbs-download task", async () => {
    const path = "/nodes/pve1/storage/pbs/file-restore/download";
    const one = await download(path, { volume: before, filepath: b64(`${files}/srv/app/data.txt`) });
    const two = await download(path, { volume: after, filepath: b64(`${files}/srv/app/data.txt`) });
    expect(one).toMatchObject({ status: 200, type: "application/octet-stream" });
    expect(one.body.toString()).toBe("version one\n");
    expect(two.body.toString()).toBe("version two, longer\n");
    const task = await waitFor("the download task", () =>
      cluster.sim.state.tasks.findLast((candidate) => candidate.type === "pbs-download"),
    );
    expect((await finished(task.upid)).log).toContain(`Starting download of file: ${files}/srv/app/data.txt`);
  });

  it("downloads a folder as a zip of its files", async () => {
    const zipped = await download("/nodes/pve1/storage/pbs/file-restore/download", {
      volume: after,
      filepath: b64(`${files}/srv`),
    });
    expect(zipped.body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(unzipStored(zipped.body)).toEqual({
      "srv/": "",
      "srv/app/": "",
      "srv/app/data.txt": "version two, longer\n",
      "srv/app/new.txt": "only after\n",
    });
  });

  it("refuses a directory storage's backup, a meta-directory download, and a caller without VM.Backup", async () => {
    await backUp("pve1", vmid, { storage: "local" });
    const { volid } = await newestBackup("local", vmid);
    const dir = await raw("GET", "/nodes/pve1/storage/local/file-restore/list", {
      volume: volid,
      filepath: "/",
    });
    expect(dir).toMatchObject({
      status: 400,
      errors: { storage: "Only PBS storages supported for file-restore." },
    });
    const meta = await raw("GET", "/nodes/pve1/storage/pbs/file-restore/download", {
      volume: before,
      filepath: b64("/drive-scsi0.img.fidx/part"),
    });
    expect(meta.status).toBe(500);
    const outsider = await tokenWith([{ path: "/storage", privs: ["Datastore.AllocateSpace"] }]);
    const refused = await raw(
      "GET",
      "/nodes/pve1/storage/pbs/file-restore/list",
      { volume: before, filepath: "/" },
      outsider,
    );
    expect(refused).toMatchObject({
      status: 403,
      message: `Permission check failed (/vms/${vmid}, VM.Backup)`,
    });
  });
});

describe("the guests' synthetic files (what disks hold in the simulator)", () => {
  it("are captured by a snapshot and brought back by its rollback (AbstractConfig.pm snapshot_rollback)", async () => {
    const vmid = await ownVm();
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/state.txt", "before\n");
    await finished(await call<string>("POST", `/nodes/pve1/qemu/${vmid}/snapshot`, { snapname: "keep" }));
    cluster.sim.cluster.writeGuestFile(vmid, "/srv", null);
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/state.txt"]).toBeUndefined();
    await finished(await call<string>("POST", `/nodes/pve1/qemu/${vmid}/snapshot/keep/rollback`));
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/state.txt"]!.data).toBe("before\n");
  });

  it("are copied into a clone, whose disks are copies of the source's (Qemu.pm clone_vm)", async () => {
    const vmid = await ownVm();
    cluster.sim.cluster.writeGuestFile(vmid, "/srv/copied.txt", "from the source\n");
    const newid = 800 + serial;
    await finished(
      await call<string>("POST", `/nodes/pve1/qemu/${vmid}/clone`, { newid: String(newid), full: "1" }),
    );
    expect(cluster.sim.cluster.findVm(newid)!.files!["/srv/copied.txt"]!.data).toBe("from the source\n");
  });

  it("can be changed from another process through POST /_sim/guest-files", async () => {
    const vmid = await ownVm();
    const post = (body: unknown) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          new URL(`${cluster.sim.url}/_sim/guest-files`),
          {
            method: "POST",
            ca: cluster.sim.ca,
            headers: {
              Authorization: `PVEAPIToken=${cluster.sim.token}`,
              "Content-Type": "application/json",
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(body));
      });
    expect(await post({ vmid, path: "/srv/remote.txt", data: "written over HTTP\n" })).toBe(200);
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/remote.txt"]!.data).toBe("written over HTTP\n");
    expect(await post({ vmid, path: "/srv/remote.txt", data: null })).toBe(200);
    expect(cluster.sim.cluster.findVm(vmid)!.files!["/srv/remote.txt"]).toBeUndefined();
    expect(await post({ vmid: 99_999, path: "/x", data: "" })).toBe(400);
    expect(await post({ vmid, path: "/../etc", data: "" })).toBe(400);
  });
});

describe.skipIf(!loadPveSchema("9.1.3"))("the backup routes against PVE's schema", () => {
  it.each(["9.1.3", "8.4.2"] as const)(
    "every request above was valid and every answer matched PVE %s's return schema",
    (version) => {
      const schema = loadPveSchema(version)!;
      const backupRoutes = exchanges.filter((exchange) =>
        /\/(vzdump|content|file-restore|prunebackups)|\/nodes\/[^/]+\/qemu$/.test(exchange.path),
      );
      expect(backupRoutes.length).toBeGreaterThan(30);
      const problems = backupRoutes.flatMap((exchange) => [
        ...validateRequest(schema, exchange.method, exchange.path, exchange.params),
        ...(exchange.status === 200
          ? validateReturn(schema, exchange.method, exchange.path, exchange.data)
          : []),
      ]);
      expect(problems).toEqual([]);
    },
  );
});
