import type { PermissionChecker } from "../access/check";
import { checkBridgeAccess, checkModifyConfig, checkVolumeAccess } from "../access/vm-checks";
import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { archiveTarget, storageConfig } from "../state/backup-volumes";
import { diskSizeGb, isDisk, withMac } from "../state/config-strings";
import { copyFiles } from "../state/guest-files";
import type { SimVm } from "../state/model";
import { checkPoolExists } from "./clone-checks";

const GiB = 1024 ** 3;
const driveKey = /^(ide|sata|scsi|virtio)\d+$|^(efidisk|tpmstate)0$/;

export interface RestoreRequest {
  cluster: SimCluster;
  node: string;
  params: Record<string, string>;
  user: string;
  perm: PermissionChecker;
}

/** The backup's config with its volumes on the target storage under the new VMID (restore_update_config_line). */
function restoredConfig(
  backup: Record<string, string>,
  vmid: number,
  storage: string | undefined,
  unique: boolean,
): Record<string, string> {
  const config: Record<string, string> = {};
  let disk = 0;
  for (const [key, value] of Object.entries(backup)) {
    if (key === "lock" || key === "digest" || /^unused\d+$/.test(key)) continue;
    if (driveKey.test(key) && isDisk(key, value)) {
      const [volid = "", ...options] = value.split(",");
      const target = storage ?? volid.split(":")[0]!;
      config[key] = [`${target}:vm-${vmid}-disk-${disk++}`, ...options].join(",");
    } else if (driveKey.test(key) && /cloudinit/.test(value)) {
      const target = storage ?? value.split(":")[0]!;
      config[key] = `${target}:vm-${vmid}-cloudinit,media=cdrom`;
    } else if (/^net\d+$/.test(key) && unique) config[key] = withMac(value, true);
    else config[key] = value;
  }
  config.digest = Math.random().toString(16).slice(2).padEnd(40, "0").slice(0, 40);
  return config;
}

/**
 * qemu-server PVE/API2/Qemu.pm create_vm with `archive` (what qmrestore calls), and QemuServer.pm
 * restore_proxmox_backup_archive / restore_vma_archive: the checks before the worker, then a
 * `qmrestore` task that wipes an existing VM's disks first, restores, and leaves whatever it got to
 * when it fails ("VM … state is NOT cleaned up").
 */
export function restoreVm({ cluster, node, params, user, perm }: RestoreRequest): string {
  const vmid = Number(params.vmid);
  const archive = params.archive!;
  const force = params.force === "1";
  const pool = params.pool;
  checkPoolExists(cluster, pool);
  if (params.storage) perm.check(`/storage/${params.storage}`, ["Datastore.AllocateSpace"]);
  if (params.start === "1") perm.checkVm(vmid, pool, ["VM.PowerMgmt"]);
  const existing = cluster.findVm(vmid);
  const local = existing?.node === node ? existing : undefined;
  if (
    !perm.allowed(`/vms/${vmid}`, ["VM.Allocate"]) &&
    !(pool && perm.allowed(`/pool/${pool}`, ["VM.Allocate"])) &&
    !(force && local && perm.allowed(`/vms/${vmid}`, ["VM.Backup"]))
  )
    throw new SimError(403, "Permission check failed");
  const drives = Object.keys(params).filter((key) => driveKey.test(key));
  if (drives.length)
    throw new SimError(
      400,
      "Parameter verification failed.",
      Object.fromEntries(drives.map((key) => [key, "option conflicts with option 'archive'"])),
    );
  checkVolumeAccess(perm, vmid, archive, "backup");
  const [storeid = ""] = archive.split(":");
  const source = storageConfig(cluster, storeid);
  const volume = cluster.state.volumes.find((candidate) => candidate.volid === archive);
  // classify_restore_archive: a file archive must exist now; a PBS snapshot is only read in the worker.
  if (source.type !== "pbs" && !volume) throw new SimError(500, `can't find file '${archive}'`);
  const {
    archive: _archive,
    force: _force,
    unique,
    storage,
    bwlimit: _bwlimit,
    "live-restore": live,
    pool: _pool,
    start,
    vmid: _vmid,
    ...overrides
  } = params;
  if (Object.keys(overrides).length) {
    checkModifyConfig(perm, vmid, pool, Object.keys(overrides));
    checkBridgeAccess(perm, overrides);
  }
  const emsg = `unable to restore VM ${vmid} -`;
  // AbstractConfig.pm create_and_lock_config, before the worker: the VMID must be free unless forced,
  // and the config not locked; it is then locked `create`.
  if (existing && (!force || !local))
    throw new SimError(500, `${emsg} VM ${vmid} already exists on node '${existing.node}'`);
  if (local?.lock) throw new SimError(500, `${emsg} VM is locked (${local.lock})`);
  const vm: SimVm = local ?? {
    vmid,
    node,
    config: {},
    pending: {},
    pendingDelete: [],
    status: "stopped",
    paused: false,
    snapshots: [],
  };
  if (!local) cluster.state.vms.push(vm);
  vm.lock = "create";
  let restoredData = false;
  const pbs = source.type === "pbs";
  const image = () => {
    if (!volume?.backup) throw new Error("proxmox-backup-client failed: Error: unable to read snapshot");
    return volume.backup;
  };
  const targetStorage = storage;
  const disks = () => Object.entries(image().config).filter(([key, value]) => isDisk(key, value));
  return cluster.startTask({
    node,
    type: "qmrestore",
    id: String(vmid),
    user,
    durationMs: 3000,
    flocks: [cluster.flock(vmid)],
    check: () => {
      if (vm.config.protection === "1") throw new Error(`${emsg} protection mode enabled`);
      if (vm.status === "running") throw new Error(`${emsg} vm is running`);
      if (live === "1" && !pbs)
        throw new Error("live-restore is only compatible with backup images from a Proxmox Backup Server");
      // parse_backup_hints: each disk's target storage needs Datastore.AllocateSpace; then the best-effort
      // check_restore_permissions on the merged config (bridges).
      const backup = image().config;
      for (const [, value] of disks())
        perm.check(`/storage/${targetStorage ?? value.split(":")[0]}`, ["Datastore.AllocateSpace"]);
      checkBridgeAccess(perm, { ...backup, ...overrides });
    },
    stages: [
      {
        at: 0.1,
        // $restore_cleanup_oldconf: the old VM's disks go before the new ones are allocated.
        run: () => {
          const lines = pbs
            ? []
            : [
                `restore vma archive: zstd -q -d -c ${archiveTarget(source, archive.slice(storeid.length + 1))} | vma extract -v -r /var/tmp/vzdumptmp${vmid}.fifo - /var/tmp/vzdumptmp${vmid}`,
                "CFG: size: 512 name: qemu-server.conf",
              ];
          for (const [key, value] of Object.entries(vm.config))
            if (isDisk(key, value))
              lines.push(`  Logical volume "${value.split(",")[0]!.split(":")[1]}" successfully removed.`);
          vm.config = { memory: "128" };
          vm.snapshots = [];
          vm.pending = {};
          vm.pendingDelete = [];
          vm.files = {};
          let index = 0;
          for (const [key, value] of disks()) {
            const target = targetStorage ?? value.split(":")[0]!;
            const name = `vm-${vmid}-disk-${index++}`;
            lines.push(
              ...(pbs
                ? [
                    `restore proxmox backup image: /usr/bin/pbs-restore --repository root@pam@pbs.example:datastore ${archive.slice(storeid.length + 8)} drive-${key}.img.fidx /dev/pve/${name} --verbose --format raw --skip-zero`,
                    `connecting to repository 'root@pam@pbs.example:datastore'`,
                  ]
                : [
                    `DEV: dev_id=${index} size: ${Math.round(diskSizeGb(value) * GiB)} devname: drive-${key}`,
                    `  Logical volume "${name}" created.`,
                    `new volume ID is '${target}:${name}'`,
                    `map 'drive-${key}' to '/dev/pve/${name}' (write zeros = 0)`,
                  ]),
            );
          }
          return lines;
        },
      },
      {
        at: 0.6,
        run: () =>
          disks().map(([, value]) =>
            pbs
              ? `progress 50% (read ${Math.round((diskSizeGb(value) * GiB) / 2)} bytes, zeroes = 80% (${Math.round(diskSizeGb(value) * GiB * 0.4)} bytes), duration 1 sec)`
              : `progress 50% (read ${Math.round((diskSizeGb(value) * GiB) / 2)} bytes, duration 1 sec)`,
          ),
      },
    ],
    work: () => {
      const backup = image();
      const config = restoredConfig(backup.config, vmid, targetStorage, unique === "1");
      restoredData = true;
      const lines = disks().map(([, value]) =>
        pbs
          ? `restore image complete (bytes=${Math.round(diskSizeGb(value) * GiB)}, duration=2.00s, speed=${diskSizeGb(value).toFixed(2)}GiB/s)`
          : `total bytes read ${Math.round(diskSizeGb(value) * GiB)}, sparse bytes ${Math.round(diskSizeGb(value) * GiB * 0.8)} (80%)`,
      );
      lines.push("rescan volumes...");
      // restore_merge_config: the request's options override the backed-up ones.
      vm.config = { ...config, ...overrides };
      vm.files = copyFiles(backup.files);
      vm.lock = undefined;
      if (pool) vm.pool = pool;
      if (vm.config.template === "1") lines.push("Convert to template.");
      if (start === "1" && vm.config.template !== "1") {
        lines.push("Execute autostart");
        cluster.setRunning(vm, true);
      }
      return lines;
    },
    onFailure: () => {
      if (vm.lock === "create") vm.lock = undefined;
    },
    failure: (message) => ({
      lines: [
        restoredData
          ? `error after data was restored, VM disks should be OK but config may require adaptions. VM ${vmid} state is NOT cleaned up.`
          : `error before or during data restore, some or all disks were not completely restored. VM ${vmid} state is NOT cleaned up.`,
      ],
      exitstatus: message,
    }),
  });
}
