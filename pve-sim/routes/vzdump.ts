import { randomUUID } from "node:crypto";
import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs } from "../params";
import type { Route } from "../router";
import {
  archiveTarget,
  backupFormat,
  backupsOf,
  backupVolname,
  logTime,
  storageConfig,
} from "../state/backup-volumes";
import { diskSizeGb, isDisk, totalDiskGb } from "../state/config-strings";
import { copyFiles, filesSize, guestFiles } from "../state/guest-files";
import type { BackupImage, SimStorage, SimVm } from "../state/model";
import {
  applyPrune,
  backupLimit,
  describeKeep,
  type KeepOptions,
  keepsAll,
  parseKeep,
  pruneMarks,
} from "../state/prune";

const GiB = 1024 ** 3;
const vmidList = /^\d+([,;\s]+\d+)*$/;

/** The parameters of POST /nodes/{node}/vzdump the simulator knows (PVE/VZDump/Common.pm json_config_properties). */
const vzdumpParams: ParamDefs = {
  node: nodeDef,
  vmid: { type: "string", optional: true, pattern: vmidList },
  all: { type: "boolean", optional: true },
  exclude: { type: "string", optional: true, pattern: vmidList },
  pool: { type: "string", optional: true },
  storage: { type: "string", optional: true, format: "pve-storage-id" },
  mode: { type: "string", optional: true, enum: ["snapshot", "suspend", "stop"] },
  compress: { type: "string", optional: true, enum: ["0", "1", "gzip", "lzo", "zstd"] },
  "notes-template": { type: "string", optional: true, maxLength: 1024 },
  protected: { type: "boolean", optional: true },
  remove: { type: "boolean", optional: true },
  "prune-backups": { type: "string", optional: true },
  bwlimit: { type: "integer", optional: true, minimum: 0 },
  ionice: { type: "integer", optional: true, minimum: 0, maximum: 8 },
  lockwait: { type: "integer", optional: true, minimum: 0 },
  stopwait: { type: "integer", optional: true, minimum: 0 },
  mailnotification: { type: "string", optional: true, enum: ["always", "failure"] },
  mailto: { type: "string", optional: true },
  "notification-mode": {
    type: "string",
    optional: true,
    enum: ["auto", "legacy-sendmail", "notification-system"],
  },
  quiet: { type: "boolean", optional: true },
  stdexcludes: { type: "boolean", optional: true },
  stdout: { type: "boolean", optional: true },
  zstd: { type: "integer", optional: true },
  pigz: { type: "integer", optional: true },
  tmpdir: { type: "string", optional: true },
  dumpdir: { type: "string", optional: true },
  script: { type: "string", optional: true },
  "job-id": { type: "string", optional: true, maxLength: 50, pattern: /\S+/ },
};

const paramError = (errors: Record<string, string>) =>
  new SimError(400, "Parameter verification failed.", errors);

/** PVE/VZDump.pm `$verify_notes_template`: one line, `\n` and `\\` escapes, four variables. */
function verifyNotesTemplate(template: string) {
  if (template.includes("\n")) throw paramError({ "notes-template": "contains a line feed" });
  const problems: string[] = [];
  for (const match of template.matchAll(/\\(.)/g))
    if (!/^[n\\]$/.test(match[1]!)) problems.push(`escape sequence '\\${match[1]}' at char ${match.index}`);
  for (const match of template.matchAll(/\{\{([^\s{}]+)\}\}/g))
    if (!/^(cluster|guestname|node|vmid)$/.test(match[1]!))
      problems.push(`variable '${match[1]}' at char ${match.index! + 2}`);
  if (problems.length) throw paramError({ "notes-template": `found unknown: ${problems.join(", ")}` });
}

/** PVE/VZDump.pm `$generate_notes`. */
function generateNotes(template: string, values: Record<string, string>): string {
  return template
    .replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : "\\"))
    .replace(/\{\{(cluster|guestname|node|vmid)\}\}/g, (_, name: string) => values[name]!);
}

/** PVE/VZDump.pm format_size. */
function formatSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.floor(kb)}KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${Math.floor(mb)}MB`;
  return `${(mb / 1024).toFixed(2)}GB`;
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [h, m, seconds % 60].map((part) => String(part).padStart(2, "0")).join(":");
}

/** PVE/VZDump.pm get_included_guests: the listed VMs, a pool's members, or all but the excluded. */
function includedGuests(cluster: SimCluster, params: Record<string, string>): number[] {
  const split = (text?: string) =>
    (text ?? "")
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
  if (params.pool) return cluster.state.vms.filter((vm) => vm.pool === params.pool).map((vm) => vm.vmid);
  if (params.vmid) return split(params.vmid);
  const excluded = new Set(split(params.exclude));
  return cluster.state.vms.map((vm) => vm.vmid).filter((vmid) => !excluded.has(vmid));
}

function commandLine(vmids: number[], params: Record<string, string>, node: string): string {
  const options = Object.entries({ ...params, node })
    .filter(([key]) => key !== "vmid")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `--${key} ${/^[\w.,:-]+$/.test(value) ? value : `'${value}'`}`);
  return ["vzdump", ...vmids.map(String), ...options].join(" ");
}

interface Job {
  vmid: number;
  storage: SimStorage;
  mode: "snapshot" | "suspend" | "stop";
  params: Record<string, string>;
  node: string;
  /** The retention: `prune-backups`, else keep-all as neither the simulated storages nor vzdump.conf set one. */
  keep: KeepOptions;
}

/**
 * One guest's backup, in the phases of PVE/VZDump.pm exec_backup_task and qemu-server
 * PVE/VZDump/QemuServer.pm (prepare, stop_vm/suspend_vm, archive_vma/archive_pbs with
 * enforce_vm_running_for_backup and resume_vm_after_job_start, restore_vm_power_state, cleanup).
 */
class GuestBackup {
  private vm?: SimVm;
  private failed = false;
  private locked = false;
  private stoppedAt?: number;
  private paused = false;
  private wasRunning = false;
  private wasPaused = false;
  private mode: Job["mode"] = "snapshot";
  private startedAt = 0;
  private volname = "";
  private image?: BackupImage;
  errors = 0;
  /** Storage.pm get_max_protected_backups: no limit for who may Datastore.Allocate on the storage. */
  mayAllocate = false;

  constructor(
    private readonly cluster: SimCluster,
    private readonly job: Job,
  ) {}

  private now = () => Math.floor(this.cluster.now() / 1000);

  private error(message: string): string[] {
    this.failed = true;
    this.errors++;
    return [
      `ERROR: Backup of VM ${this.job.vmid} failed - ${message}`,
      `INFO: Failed at ${logTime(this.now())}`,
    ];
  }

  begin = (): string[] => {
    const { cluster, job } = this;
    this.startedAt = this.now();
    const vm = cluster.findVm(job.vmid);
    if (!vm || vm.node !== job.node) return this.error(`unable to find VM '${job.vmid}'`);
    if (job.params.protected === "1") {
      const protectedCount = backupsOf(cluster, job.storage.id, vm.vmid).filter((b) => b.protected).length;
      // Storage.pm get_max_protected_backups: 5 unless the storage says otherwise or the user may Datastore.Allocate.
      if (!this.mayAllocate && protectedCount >= 5)
        return this.error(
          `The number of protected backups per guest is limited to 5 on storage '${job.storage.id}'`,
        );
    }
    // The retention's sum limits how many backups may exist when `remove=0` keeps vzdump from pruning.
    const limit = backupLimit(job.keep);
    if (job.params.protected !== "1" && limit && job.params.remove === "0") {
      const count = backupsOf(cluster, job.storage.id, vm.vmid).filter((backup) => !backup.protected).length;
      if (count >= limit)
        return this.error(
          `There is a max backup limit of ${limit} enforced by the target storage or the vzdump parameters. Either increase the limit or delete old backups.`,
        );
    }
    this.vm = vm;
    const lines = [
      `INFO: Starting Backup of VM ${vm.vmid} (qemu)`,
      `INFO: Backup started at ${logTime(this.startedAt)}`,
      `INFO: status = ${vm.status}`,
    ];
    if (vm.lock) return [...lines, ...this.error(`VM is locked (${vm.lock})`)];
    vm.lock = "backup";
    this.locked = true;
    this.wasRunning = vm.status === "running";
    this.wasPaused = this.wasRunning && vm.paused;
    this.mode = this.wasRunning ? job.mode : "stop";
    if (vm.config.name) lines.push(`INFO: VM Name: ${vm.config.name}`);
    for (const [key, value] of Object.entries(vm.config))
      if (isDisk(key, value))
        lines.push(`INFO: include disk '${key}' '${value.split(",")[0]}' ${diskSizeGb(value)}G`);
    lines.push(`INFO: backup mode: ${this.mode}`, `INFO: ionice priority: ${job.params.ionice ?? 7}`);
    if (this.mode === "stop" && this.wasRunning) {
      lines.push("INFO: stopping virtual guest");
      this.stoppedAt = this.now();
      cluster.setRunning(vm, false);
    } else if (this.mode === "suspend") {
      lines.push("INFO: suspending guest");
      this.stoppedAt = this.now();
      if (!this.wasPaused) {
        vm.paused = true;
        this.paused = true;
      }
    }
    this.volname = backupVolname(job.storage, vm.vmid, this.startedAt, job.params.compress);
    const pbs = job.storage.type === "pbs";
    lines.push(
      `INFO: creating ${pbs ? "Proxmox Backup Server" : "vzdump"} archive '${archiveTarget(job.storage, this.volname)}'`,
    );
    if (vm.status !== "running") {
      // enforce_vm_running_for_backup: QEMU runs, frozen, so that its backup job can read the disks.
      lines.push("INFO: starting kvm to execute backup task");
      Object.assign(vm, { status: "running", paused: true, prelaunch: true, startedAt: cluster.now() });
    }
    // The copy is of the disks as they are when the backup job starts (copy-before-write).
    this.image = { config: { ...vm.config }, files: copyFiles(guestFiles(vm, cluster.now())), pool: vm.pool };
    delete this.image.config.lock;
    return lines;
  };

  /** resume_vm_after_job_start: the guest runs again as soon as QEMU's backup job has started. */
  started = (): string[] => {
    const vm = this.vm;
    if (this.failed || !vm) return [];
    const lines = [`INFO: started backup task '${randomUUID()}'`];
    if (!this.wasRunning || this.wasPaused) return lines;
    lines.push(
      this.stoppedAt === undefined
        ? "INFO: resuming VM again"
        : `INFO: resuming VM again after ${this.now() - this.stoppedAt} seconds`,
    );
    // `cont` on a guest frozen since its start is its boot.
    if (vm.status !== "running" || vm.prelaunch) this.cluster.setRunning(vm, true);
    vm.paused = false;
    this.paused = false;
    return lines;
  };

  progress = (percent: number) => (): string[] => {
    if (this.failed || !this.vm) return [];
    const total = totalDiskGb(this.vm.config);
    const seconds = Math.max(1, this.now() - this.startedAt);
    return [
      `INFO: ${String(percent).padStart(3)}% (${((total * percent) / 100).toFixed(1)} GiB of ${total.toFixed(1)} GiB) in ${seconds}s, read: ${((total * percent) / 100 / seconds).toFixed(1)} GiB/s, write: 38.2 MiB/s`,
    ];
  };

  finish = (): string[] => {
    const { cluster, job } = this;
    const vm = this.vm;
    if (this.failed || !vm || !this.image) return [];
    const total = totalDiskGb(vm.config);
    const seconds = Math.max(1, this.now() - this.startedAt);
    const pbs = job.storage.type === "pbs";
    const lines = [
      `INFO: backup is sparse: ${(total * 0.8).toFixed(2)} GiB (80%) total zero data`,
      `INFO: transferred ${total.toFixed(2)} GiB in ${seconds} seconds (${(total / seconds).toFixed(1)} GiB/s)`,
    ];
    if (!this.wasRunning) {
      // restore_vm_power_state: a guest that was not running is stopped again.
      lines.push("INFO: stopping kvm after backup task");
      cluster.setRunning(vm, false);
    }
    const dataBytes = filesSize(this.image.files);
    const size = pbs ? Math.round(total * GiB) + dataBytes : Math.round(total * 0.12 * GiB) + dataBytes;
    if (!pbs) lines.push(`INFO: archive file size: ${formatSize(size)}`);
    const volid = `${job.storage.id}:${this.volname}`;
    // A second backup in the same second gets the same name: rename() replaces the first archive.
    cluster.state.volumes = cluster.state.volumes.filter((volume) => volume.volid !== volid);
    const volume = {
      storage: job.storage.id,
      volid,
      content: "backup" as const,
      format: backupFormat(this.volname, job.storage),
      size,
      vmid: vm.vmid,
      ctime: this.startedAt,
      backup: this.image,
    };
    cluster.state.volumes.push(volume);
    const template = job.params["notes-template"];
    if (template) {
      lines.push("INFO: adding notes to backup");
      const notes = generateNotes(template, {
        cluster: cluster.state.name,
        guestname: vm.config.name ?? `VM ${vm.vmid}`,
        node: job.node,
        vmid: String(vm.vmid),
      });
      if (notes) Object.assign(volume, { notes });
    }
    if (job.params.protected === "1") {
      lines.push("INFO: marking backup as protected");
      Object.assign(volume, { protected: true });
    }
    if (job.params.remove !== "0" && !keepsAll(job.keep)) {
      lines.push(`INFO: prune older backups with retention: ${describeKeep(job.keep)}`);
      const removed = applyPrune(cluster, pruneMarks(cluster, job.storage.id, job.keep, vm.vmid));
      lines.push(
        ...removed.map((line) => `INFO: ${line}`),
        `INFO: pruned ${removed.length} backup(s)${removed.length ? " not covered by keep-retention policy" : ""}`,
      );
    }
    lines.push(...this.cleanup());
    lines.push(
      `INFO: Finished Backup of VM ${vm.vmid} (${formatDuration(this.now() - this.startedAt)})`,
      `INFO: Backup finished at ${logTime(this.now())}`,
    );
    return lines;
  };

  /** The cleanup exec_backup_task runs whatever happened: unlock, then resume or restart the guest. */
  cleanup(): string[] {
    const vm = this.vm;
    if (!vm) return [];
    const lines: string[] = [];
    if (this.locked && vm.lock === "backup") vm.lock = undefined;
    this.locked = false;
    if (vm.prelaunch && !this.wasRunning) this.cluster.setRunning(vm, false);
    if (this.mode === "suspend") {
      lines.push("INFO: resume vm");
      if (this.paused) vm.paused = false;
    } else if (this.mode === "stop" && this.wasRunning && (vm.status !== "running" || vm.prelaunch)) {
      lines.push("INFO: restarting vm");
      this.cluster.setRunning(vm, true);
    }
    this.paused = false;
    return lines;
  }

  /** Whether the job runs with the backup's lock still held, so that a failure must clean up. */
  get active(): boolean {
    return this.locked;
  }
}

export const vzdumpRoutes: Route[] = [
  {
    method: "POST",
    path: "/nodes/{node}/vzdump",
    params: vzdumpParams,
    permissions: { user: "all" },
    // pve-manager PVE/API2/VZDump.pm vzdump: the refusals before the worker, then `fork_worker('vzdump')`.
    handle: ({ cluster, path, params, user, perm }) => {
      const node = path.node!;
      cluster.node(node);
      // pve-common JSONSchema.pm check_object: `requires => 'storage'` of notes-template and protected.
      for (const key of ["notes-template", "protected"])
        if (key in params && params.storage === undefined)
          throw paramError({ storage: `missing property required by '${key}'` });
      if (params.node && params.node !== node)
        throw paramError({ node: "option is only allowed on the command line interface." });
      if (params.stdout === "1")
        throw paramError({ stdout: "option is only allowed on the command line interface." });
      // PVE/API2/Backup.pm assert_param_permission_common.
      if (user !== "root@pam") {
        for (const key of ["tmpdir", "dumpdir", "script", "job-id"])
          if (key in params) throw paramError({ [key]: "Only root may set this option." });
        if (["bwlimit", "ionice"].some((key) => key in params)) perm.check("/", ["Sys.Modify"]);
        // assert_param_permission_vzdump: retention options of one's own need Datastore.Allocate.
        if (params["prune-backups"] !== undefined && !params.dumpdir)
          perm.check(`/storage/${params.storage ?? "local"}`, ["Datastore.Allocate"]);
      }
      // PVE/VZDump.pm verify_vzdump_parameters.
      for (const key of ["all", "exclude", "pool"])
        if (params[key] && params[key] !== "0" && params.vmid)
          throw paramError({ [key]: "option conflicts with option 'vmid'" });
      if (params["notes-template"]) verifyNotesTemplate(params["notes-template"]);
      const keep =
        params["prune-backups"] === undefined ? { "keep-all": 1 } : parseKeep(params["prune-backups"]);
      const all = params.all === "1" || (params.exclude !== undefined && !params.pool);
      if (!all && !params.pool && !params.vmid) throw paramError({ vmid: "property is missing" });
      const vmids = [...new Set(includedGuests(cluster, params))].sort((a, b) => a - b);
      // Guests on other nodes are skipped; unknown ones stay in, to fail visibly in the worker.
      const local = vmids.filter((vmid) => {
        const vm = cluster.findVm(vmid);
        return !vm || vm.node === node;
      });
      if (local.length === 0 && !all) return "OK";
      const storeid = params.dumpdir ? undefined : (params.storage ?? "local");
      if (storeid) perm.check(`/storage/${storeid}`, ["Datastore.AllocateSpace"]);
      const mode = (params.mode ?? "snapshot") as Job["mode"];
      const backups: (GuestBackup | undefined)[] = [];
      let current: GuestBackup | undefined;
      let lastLines: string[] = [];
      const durationPerGuest = 4000;
      const stageFor = (index: number, at: number, run: () => string[]) => ({
        at: (index + at) / Math.max(1, local.length),
        run: () => {
          current = backups[index];
          return run();
        },
      });
      // PVE/VZDump.pm getlock: one vzdump job per node at a time (/var/run/vzdump.lock); the next waits up
      // to `lockwait` minutes. The simulator keeps that lock with the config flocks, under a key of its own.
      const globalLock = -1 - cluster.state.nodes.findIndex((candidate) => candidate.name === node);
      const waiting = cluster.flocks.isHeld(globalLock);
      const upid = cluster.startTask({
        node,
        type: "vzdump",
        id: local.length === 1 ? String(local[0]) : "",
        user,
        durationMs: durationPerGuest * Math.max(1, local.length),
        flocks: [cluster.flock(globalLock, { seconds: Number(params.lockwait ?? 180) * 60 })],
        // PVE::VZDump->new (storage_info) and exec_backup's VM.Backup check run before any guest is backed up.
        check: () => {
          if (!storeid) throw new Error("dumpdir is not simulated");
          const storage = (() => {
            try {
              return storageConfig(cluster, storeid);
            } catch {
              throw new Error(
                `could not activate storage '${storeid}': storage '${storeid}' does not exist\ncould not get storage information for '${storeid}': storage '${storeid}' does not exist`,
              );
            }
          })();
          if (!storage.content.includes("backup"))
            throw new Error(
              `could not get storage information for '${storeid}': can't use storage '${storeid}' for backups - wrong content type`,
            );
          for (const vmid of local) {
            if (cluster.findVm(vmid) && !perm.allowed(`/vms/${vmid}`, ["VM.Backup"]) && user !== "root@pam") {
              if (!all) throw new Error(`Permission check failed (/vms/${vmid}, VM.Backup)`);
              backups.push(undefined);
              continue;
            }
            const backup = new GuestBackup(cluster, { vmid, storage, mode, params, node, keep });
            backup.mayAllocate =
              user === "root@pam" || perm.allowed(`/storage/${storeid}`, ["Datastore.Allocate"]);
            backups.push(backup);
          }
          // The first guest's backup begins at once: its guest is stopped or paused while the task runs on.
          current = backups[0];
          return [
            ...(waiting ? ["INFO: got global lock"] : []),
            `INFO: starting new backup job: ${commandLine(local, params, node)}`,
            ...(backups[0]?.begin() ?? []),
          ];
        },
        stages: local.flatMap((_, index) => [
          ...(index > 0 ? [stageFor(index, 0.1, () => backups[index]?.begin() ?? [])] : []),
          stageFor(index, 0.3, () => backups[index]?.started() ?? []),
          stageFor(index, 0.5, () => backups[index]?.progress(40)() ?? []),
          stageFor(index, 0.8, () => backups[index]?.progress(100)() ?? []),
          ...(index < local.length - 1 ? [stageFor(index, 0.95, () => backups[index]?.finish() ?? [])] : []),
        ]),
        work: () => {
          const last = backups.at(-1);
          current = last;
          const lines = last?.finish() ?? [];
          const errors = backups.reduce((total, backup) => total + (backup?.errors ?? 0), 0);
          if (errors) {
            current = undefined;
            lastLines = lines;
            throw new Error("job errors");
          }
          return [...lines, "INFO: Backup job finished successfully"];
        },
        onFailure: () => {
          if (current?.active) current.cleanup();
        },
        failure: (message) => {
          // getlock's failure is reported by mail only and the worker exits without a status line.
          if (message.startsWith("can't lock file")) return { lines: [], exitstatus: "unexpected status" };
          if (message === "job errors")
            return { lines: [...lastLines, "INFO: Backup job finished with errors"], exitstatus: message };
          if (!current) return { lines: [], exitstatus: message };
          return {
            lines: [
              `ERROR: Backup of VM ${local[backups.indexOf(current)]} failed - ${message}`,
              `INFO: Failed at ${logTime(Math.floor(cluster.now() / 1000))}`,
              "INFO: Backup job finished with errors",
            ],
            exitstatus: "job errors",
          };
        },
      });
      if (waiting)
        cluster.state.tasks
          .find((task) => task.upid === upid)
          ?.log.unshift("INFO: trying to get global lock - waiting...");
      return upid;
    },
  },
];
