import type { PermissionChecker, RoutePermissions } from "../access/check";
import {
  checkBridgeAccess,
  checkDrivePerms,
  checkModifyConfig,
  checkStorageAccess,
  checkStorageAccessClone,
} from "../access/vm-checks";
import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import { nodeDef, type ParamDefs, vmidDef } from "../params";
import type { Route } from "../router";
import { diskSizeGb, isDisk, memoryMb, totalDiskGb, withDiskSize, withMac } from "../state/config-strings";
import { copyFiles } from "../state/guest-files";
import type { SimVm } from "../state/model";
import { allocateUnderStorageLock } from "../state/storage-locks";
import { checkClone, checkPoolExists } from "./clone-checks";
import { applyConfig, publicConfig } from "./qemu-config";
import { configUpdateDefs, vmOptionDefs } from "./qemu-params";
import { restoreVm } from "./qemu-restore";

const GiB = 1024 ** 3;
const vmPath: ParamDefs = { node: nodeDef, vmid: vmidDef };
const configPermissions: RoutePermissions = {
  check: [
    "perm",
    "/vms/{vmid}",
    [
      "VM.Config.Disk",
      "VM.Config.CDROM",
      "VM.Config.CPU",
      "VM.Config.Memory",
      "VM.Config.Network",
      "VM.Config.HWType",
      "VM.Config.Options",
      "VM.Config.Cloudinit",
    ],
    "any",
    1,
  ],
};

function emptyVm(vmid: number, node: string): SimVm {
  return {
    vmid,
    node,
    config: {},
    pending: {},
    pendingDelete: [],
    status: "stopped",
    paused: false,
    snapshots: [],
  };
}

function cloneProgress(sizeGb: number, drive: string): string[] {
  return [10, 25, 50, 75, 100].map(
    (percent) =>
      `drive-${drive}: transferred ${((sizeGb * percent) / 100).toFixed(1)} GiB of ${sizeGb.toFixed(1)} GiB (${percent.toFixed(2)}%)`,
  );
}

function listItem(cluster: SimCluster, vm: SimVm) {
  return {
    vmid: vm.vmid,
    name: vm.config.name,
    status: vm.status,
    cpus: Number(vm.config.cores ?? 1),
    maxmem: memoryMb(vm.config) * 1024 ** 2,
    maxdisk: Math.round(totalDiskGb(vm.config) * GiB),
    uptime: vm.status === "running" && vm.startedAt ? Math.floor((cluster.now() - vm.startedAt) / 1000) : 0,
    ...(vm.config.template === "1" ? { template: 1 } : {}),
    ...(vm.lock ? { lock: vm.lock } : {}),
    ...(vm.config.tags ? { tags: vm.config.tags } : {}),
  };
}

/** qemu-server API2/Qemu.pm `$update_vm_api`: each changed or deleted option's privilege, drives by kind. */
function checkConfigUpdate(perm: PermissionChecker, vm: SimVm, params: Record<string, string>) {
  const deleted = (params.delete ?? "").split(/[,;\s]+/).filter(Boolean);
  checkModifyConfig(perm, vm.vmid, undefined, deleted);
  checkModifyConfig(perm, vm.vmid, undefined, Object.keys(params));
  checkStorageAccess(perm, vm.vmid, params);
  checkBridgeAccess(perm, params);
  for (const key of deleted)
    if (/^(ide|sata|scsi|virtio)\d+$/.test(key) && vm.config[key])
      checkDrivePerms(perm, vm.vmid, vm.config[key]!);
  for (const [key, value] of Object.entries(params))
    if (/^(ide|sata|scsi|virtio)\d+$/.test(key)) checkDrivePerms(perm, vm.vmid, value);
}

/** `skiplock` is root@pam's alone (raise_param_exc "Only root may use this option."). */
function refuseSkiplock(params: Record<string, string>, user: string) {
  if (params.skiplock === "1" && user !== "root@pam")
    throw new SimError(400, "Parameter verification failed.", { skiplock: "Only root may use this option." });
}

export const qemuLifecycleRoutes: Route[] = [
  {
    method: "GET",
    path: "/nodes/{node}/qemu",
    params: { node: nodeDef, full: { type: "boolean", optional: true } },
    permissions: { user: "all" },
    handle: ({ cluster, path, perm }) => {
      cluster.node(path.node!);
      // qemu-server API2/Qemu.pm vmlist: only VMs with VM.Audit.
      return cluster.state.vms
        .filter((vm) => vm.node === path.node && perm.allowed(`/vms/${vm.vmid}`, ["VM.Audit"]))
        .map((vm) => listItem(cluster, vm));
    },
  },
  {
    method: "POST",
    path: "/nodes/{node}/qemu",
    params: {
      ...vmOptionDefs,
      node: nodeDef,
      vmid: vmidDef,
      pool: { type: "string", optional: true, format: "pve-poolid" },
      start: { type: "boolean", optional: true },
      archive: { type: "string", optional: true, maxLength: 255 },
      force: { type: "boolean", optional: true },
      unique: { type: "boolean", optional: true },
      storage: { type: "string", optional: true, format: "pve-storage-id" },
      bwlimit: { type: "integer", optional: true, minimum: 0 },
      "live-restore": { type: "boolean", optional: true },
    },
    permissions: { user: "all" },
    handle: ({ cluster, path, params, user, perm }) => {
      cluster.node(path.node!);
      if (params.archive !== undefined) return restoreVm({ cluster, node: path.node!, params, user, perm });
      // pve-common JSONSchema.pm: `requires => 'archive'` of force and unique.
      for (const option of ["force", "unique"])
        if (params[option] !== undefined)
          throw new SimError(400, "Parameter verification failed.", {
            archive: `missing property required by '${option}'`,
          });
      // Qemu.pm `create_vm` checks the pool before it looks at the VM's config file.
      checkPoolExists(cluster, params.pool);
      if (params.storage) perm.check(`/storage/${params.storage}`, ["Datastore.AllocateSpace"]);
      const vmid = Number(params.vmid);
      // qemu-server API2/Qemu.pm create_vm: VM.Allocate on the VM or its pool, then
      // each option's privilege, storage for new disks, SDN.Use on bridges.
      if (params.start === "1") perm.checkVm(vmid, params.pool, ["VM.PowerMgmt"]);
      if (
        !perm.allowed(`/vms/${vmid}`, ["VM.Allocate"]) &&
        !(params.pool && perm.allowed(`/pool/${params.pool}`, ["VM.Allocate"]))
      )
        throw new SimError(403, "Permission check failed");
      checkStorageAccess(perm, vmid, params);
      checkModifyConfig(perm, vmid, params.pool, Object.keys(params));
      checkBridgeAccess(perm, params);
      const existing = cluster.findVm(vmid);
      if (existing)
        throw new SimError(
          500,
          `unable to create VM ${vmid} - VM ${vmid} already exists on node '${existing.node}'`,
        );
      const vm = emptyVm(vmid, path.node!);
      const {
        pool,
        start,
        vmid: _vmid,
        node: _node,
        cipassword,
        storage: _storage,
        bwlimit: _bw,
        ...options
      } = params;
      applyConfig(cluster, vm, { memory: "512", cores: "1", ...options });
      // create_vm copies cipassword into the config as sent: only update_vm_api hashes it (Qemu.pm).
      if (cipassword !== undefined) vm.config.cipassword = cipassword;
      vm.pool = pool;
      vm.lock = "create";
      cluster.state.vms.push(vm);
      return cluster.startTask({
        node: path.node!,
        type: "qmcreate",
        id: String(vmid),
        user,
        durationMs: 1500,
        work: () => {
          vm.lock = undefined;
          if (start === "1") cluster.setRunning(vm, true);
          return [];
        },
        onFailure: () => {
          cluster.state.vms = cluster.state.vms.filter((candidate) => candidate !== vm);
        },
      });
    },
  },
  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/clone",
    params: {
      ...vmPath,
      newid: vmidDef,
      name: { type: "string", optional: true, format: "dns-name" },
      description: { type: "string", optional: true },
      target: { ...nodeDef, optional: true },
      full: { type: "boolean", optional: true },
      pool: { type: "string", optional: true, format: "pve-poolid" },
      storage: { type: "string", optional: true, format: "pve-storage-id" },
      format: { type: "string", optional: true, enum: ["raw", "qcow2", "vmdk"] },
      snapname: { type: "string", optional: true, format: "pve-configid", maxLength: 40 },
      bwlimit: { type: "integer", optional: true, minimum: 0 },
    },
    permissions: {
      check: [
        "and",
        ["perm", "/vms/{vmid}", ["VM.Clone"]],
        [
          "or",
          ["perm", "/vms/{newid}", ["VM.Allocate"]],
          ["perm", "/pool/{pool}", ["VM.Allocate"], "require_param", "pool"],
        ],
      ],
    },
    handle: ({ cluster, path, params, user, perm }) => {
      cluster.node(path.node!);
      checkPoolExists(cluster, params.pool);
      // A target naming the node that answers is no target (Qemu.pm `clone_vm`).
      const target = params.target === path.node || params.target === "localhost" ? undefined : params.target;
      if (target) cluster.node(target);
      const source = cluster.vmOn(path.node!, Number(path.vmid));
      // qemu-server API2/Qemu.pm clone_vm: the target storage and every disk's storage
      // need Datastore.AllocateSpace; SDN.Use on the source's bridges.
      if (params.storage) perm.check(`/storage/${params.storage}`, ["Datastore.AllocateSpace"]);
      checkStorageAccessClone(perm, source.config, params.storage);
      checkBridgeAccess(perm, source.config);
      cluster.checkLock(source);
      const template = source.config.template === "1";
      const full = params.full === undefined ? !template : params.full === "1";
      checkClone(cluster, source, { target, storage: params.storage, format: params.format, full });
      const newid = Number(params.newid);
      if (cluster.findVm(newid))
        throw new SimError(500, `unable to create VM ${newid}: config file already exists`);
      if (!full && !template)
        throw new SimError(500, "Linked clone feature is not supported for drive 'scsi0'");
      const targetNode = target ?? path.node!;
      const copy: SimVm = { ...emptyVm(newid, targetNode), lock: "clone", pool: params.pool };
      for (const [key, value] of Object.entries(source.config)) {
        if (key === "template") continue;
        // As PVE does, every NIC of a clone gets a new MAC.
        if (/^net\d+$/.test(key)) {
          copy.config[key] = withMac(value, true);
          continue;
        }
        const renamed = value.replace(/(base|vm)-\d+-(disk-\d+|cloudinit)/, `vm-${newid}-$2`);
        copy.config[key] = full
          ? renamed
          : value.startsWith("local-lvm:base")
            ? `local-lvm:base-${source.vmid}-disk-0/vm-${newid}-disk-0,${value.split(",").slice(1).join(",")}`
            : renamed;
      }
      copy.config.name = params.name ?? `Copy-of-VM-${source.config.name ?? source.vmid}`;
      if (params.description) copy.config.description = params.description;
      copy.config.digest = "2".repeat(40);
      // The clone's disks are copies of the source's, so its files are too.
      if (source.files) copy.files = copyFiles(source.files);
      cluster.state.vms.push(copy);
      const disks = Object.entries(source.config).filter(([key, value]) => isDisk(key, value));
      const lines = full
        ? disks.flatMap(([key, value]) => [
            `create full clone of drive ${key} (${value.split(",")[0]})`,
            ...cloneProgress(diskSizeGb(value), key),
          ])
        : disks.map(([key, value]) => `create linked clone of drive ${key} (${value.split(",")[0]})`);
      const sizeGb = disks.reduce((total, [, value]) => total + diskSizeGb(value), 0);
      return cluster.startTask({
        node: path.node!,
        type: "qmclone",
        id: String(source.vmid),
        user,
        durationMs: full ? 4000 + sizeGb * 500 : 1500,
        // API2/Qemu.pm clone_vm: the source's flock (shared unless it runs), then the new VM's, 1 s each,
        // held for the whole copy.
        flocks: [
          cluster.flock(source.vmid, { shared: source.status !== "running", seconds: 1 }),
          cluster.flock(newid, { seconds: 1 }),
        ],
        progressLines: lines,
        // Each new volume is made under its storage's lock before any copying: a thin snapshot of the
        // base for a linked clone (vdisk_clone), an empty volume for a full one (vdisk_alloc).
        prepare: async () => {
          for (const [, value] of disks)
            await allocateUnderStorageLock(cluster, path.node!, value.split(":")[0]!, full ? 300 : 400);
          return [];
        },
        work: () => {
          copy.lock = undefined;
          return [];
        },
        onFailure: () => {
          cluster.state.vms = cluster.state.vms.filter((vm) => vm !== copy);
        },
      });
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/config",
    params: {
      ...vmPath,
      current: { type: "boolean", optional: true },
      snapshot: { type: "string", optional: true, format: "pve-configid" },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Audit"]] },
    handle: ({ cluster, path, params }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const merged = params.current === "1" ? vm.config : { ...vm.config, ...vm.pending };
      return { ...publicConfig(merged), ...(vm.lock ? { lock: vm.lock } : {}) };
    },
  },
  {
    method: "PUT",
    path: "/nodes/{node}/qemu/{vmid}/config",
    params: { ...vmPath, ...configUpdateDefs },
    permissions: configPermissions,
    // API2/Qemu.pm update_vm_api: the lock is checked before anything else (HTTP 500 "VM is locked"),
    // then the change waits for the VM's flock, which a running task may hold, for up to 10 s.
    handle: async ({ cluster, path, params, user, perm }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      checkConfigUpdate(perm, vm, params);
      refuseSkiplock(params, user);
      cluster.checkLock(vm);
      await cluster.withFlock(vm.vmid, () => applyConfig(cluster, vm, params));
      return null;
    },
  },
  {
    method: "POST",
    path: "/nodes/{node}/qemu/{vmid}/config",
    params: { ...vmPath, ...configUpdateDefs },
    permissions: configPermissions,
    // The same early check; the change itself runs in a `qmconfig` worker under lock_config.
    handle: ({ cluster, path, params, user, perm }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      checkConfigUpdate(perm, vm, params);
      refuseSkiplock(params, user);
      cluster.checkLock(vm);
      return cluster.startTask({
        node: path.node!,
        type: "qmconfig",
        id: String(vm.vmid),
        user,
        durationMs: 300,
        flocks: [cluster.flock(vm.vmid)],
        check: () => applyConfig(cluster, vm, params),
      });
    },
  },
  {
    method: "GET",
    path: "/nodes/{node}/qemu/{vmid}/pending",
    params: vmPath,
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Audit"]] },
    handle: ({ cluster, path }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      const keys = new Set([...Object.keys(vm.config), ...Object.keys(vm.pending), ...vm.pendingDelete]);
      return [...keys].sort().map((key) => ({
        key,
        ...(key in vm.config ? { value: publicConfig({ [key]: vm.config[key]! })[key] } : {}),
        ...(key in vm.pending ? { pending: publicConfig({ [key]: vm.pending[key]! })[key] } : {}),
        ...(vm.pendingDelete.includes(key) ? { delete: 1 } : {}),
      }));
    },
  },
  {
    method: "PUT",
    path: "/nodes/{node}/qemu/{vmid}/resize",
    params: {
      ...vmPath,
      disk: {
        type: "string",
        pattern: /^(ide[0-3]|scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5]|efidisk0|tpmstate0)$/,
      },
      size: { type: "string", pattern: /^\+?\d+(\.\d+)?[KMGT]?$/ },
      digest: { type: "string", optional: true, maxLength: 64 },
      skiplock: { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Config.Disk"]] },
    // API2/Qemu.pm resize_vm: every refusal is inside the worker's lock_config, so the call always
    // answers a UPID and the task fails; asking for the current size is a successful no-op.
    handle: ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      refuseSkiplock(params, user);
      const disk = params.disk!;
      let target: number | null = null;
      return cluster.startTask({
        node: path.node!,
        type: "resize",
        id: String(vm.vmid),
        user,
        durationMs: 500,
        flocks: [cluster.flock(vm.vmid)],
        check: () => {
          if (params.digest && params.digest !== vm.config.digest)
            throw new Error("checksum mismatch (file change by other user?)");
          cluster.checkLock(vm);
          const entry = vm.config[disk];
          if (!entry) throw new Error(`disk '${disk}' does not exist`);
          if (/media=cdrom/.test(entry)) throw new Error("you can't resize a cdrom");
          const current = diskSizeGb(entry);
          const requested = diskSizeGb(`size=${params.size!.replace("+", "")}`);
          const wanted = params.size!.startsWith("+") ? current + requested : requested;
          if (wanted < current) throw new Error("shrinking disks is not supported");
          target = wanted === current ? null : wanted;
        },
        work: () => {
          if (target === null) return [];
          vm.config[disk] = withDiskSize(vm.config[disk]!, target);
          return [`Size of logical volume changed to ${target.toFixed(2)} GiB.`];
        },
      });
    },
  },
  {
    method: "DELETE",
    path: "/nodes/{node}/qemu/{vmid}",
    params: {
      ...vmPath,
      purge: { type: "boolean", optional: true },
      "destroy-unreferenced-disks": { type: "boolean", optional: true },
      skiplock: { type: "boolean", optional: true },
    },
    permissions: { check: ["perm", "/vms/{vmid}", ["VM.Allocate"]] },
    // API2/Qemu.pm destroy_vm refuses a running VM before forking; QemuServer.pm destroy_vm checks the
    // lock inside the worker, under lock_config, and then writes `lock: destroyed`.
    handle: ({ cluster, path, params, user }) => {
      const vm = cluster.vmOn(path.node!, Number(path.vmid));
      refuseSkiplock(params, user);
      if (vm.status === "running") throw new SimError(500, `VM ${vm.vmid} is running - destroy failed`);
      return cluster.startTask({
        node: path.node!,
        type: "qmdestroy",
        id: String(vm.vmid),
        user,
        durationMs: 1000,
        flocks: [cluster.flock(vm.vmid)],
        check: () => {
          if (vm.status === "running") throw new Error(`VM ${vm.vmid} is running - destroy failed`);
          if (vm.lock !== "suspended") cluster.checkLock(vm);
          vm.lock = "destroyed";
        },
        work: () => {
          cluster.state.vms = cluster.state.vms.filter((candidate) => candidate !== vm);
          cluster.console?.vmStopped(vm.vmid);
          // qemu-server destroy_vm: volumes of this vmid that no config names go only when asked, and only
          // disk images (vdisk_list with content 'images'); the VM's backups stay.
          if (params["destroy-unreferenced-disks"] === "1")
            cluster.state.volumes = cluster.state.volumes.filter(
              (volume) => volume.vmid !== vm.vmid || volume.content !== "images",
            );
          return Object.entries(vm.config)
            .filter(([key, value]) => isDisk(key, value))
            .map(
              ([, value]) => `  Logical volume "${value.split(",")[0]!.split(":")[1]}" successfully removed.`,
            );
        },
      });
    },
  },
];
