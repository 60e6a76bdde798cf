import { SimError } from "../errors";
import type { PermissionChecker } from "./check";

/**
 * The checks qemu-server makes inside its handlers, beyond the schema's `permissions` (qemu-server
 * `src/PVE/API2/Qemu.pm` 9.x: `$check_vm_modify_config_perm`, `$check_storage_access`,
 * `$check_storage_access_clone`, the drive checks of `$update_vm_api`; `PVE::QemuServer::check_bridge_access`
 * and pve-guest-common `GuestHelpers::check_vnet_access`).
 */
const optionPrivilege: [RegExp, string[], boolean?][] = [
  [/^(cores|cpu|runningcpu|cpulimit|cpuunits|numa|smp|sockets|vcpus|numa\d+|affinity)$/, ["VM.Config.CPU"]],
  [/^(memory|balloon|shares|allow-ksm)$/, ["VM.Config.Memory"]],
  [
    /^(acpi|hotplug|kvm|machine|runningmachine|scsihw|smbios1|tablet|vga|watchdog|audio0|rng0)$/,
    ["VM.Config.HWType"],
  ],
  [
    /^(agent|autostart|bios|description|keyboard|localtime|migrate_downtime|migrate_speed|name|onboot|ostype|protection|reboot|startdate|startup|tdf|template)$/,
    ["VM.Config.Options"],
  ],
  [/^freeze$/, ["VM.PowerMgmt"]],
  [/^(boot|bootdisk|vmstatestorage)$/, ["VM.Config.Disk"]],
  [/^net\d+$/, ["VM.Config.Network"]],
  [
    /^(cicustom|cipassword|citype|ciuser|ciupgrade|nameserver|searchdomain|sshkeys|ipconfig\d+)$/,
    ["VM.Config.Cloudinit", "VM.Config.Network"],
    true,
  ],
];

const driveKey = /^(ide|sata|scsi|virtio)\d+$|^(efidisk|tpmstate)0$/;
/** Options the real code checks elsewhere or not at all (drives, ports, tags, the request's own fields). */
const skipped =
  /^(unused|serial|usb|hostpci|virtiofs)\d+$|^(cdrom|tags|digest|delete|revert|skiplock|force|background_delay|node|vmid|pool|start|storage|unique|archive|live-restore|bwlimit|import-working-storage)$/;

/** `$check_vm_modify_config_perm`: the privilege each option needs; unknown options are root's. */
export function checkModifyConfig(
  perm: PermissionChecker,
  vmid: number,
  pool: string | undefined,
  keys: string[],
) {
  for (const key of keys) {
    if (driveKey.test(key) || skipped.test(key)) continue;
    const rule = optionPrivilege.find(([pattern]) => pattern.test(key));
    if (!rule) throw new SimError(500, `only root can set '${key}' config`);
    perm.checkVm(vmid, pool, rule[1], rule[2]);
    if (key === "startup") perm.check("/", ["Sys.Modify"]);
  }
}

function volumeOf(value: string): string {
  return value.split(",")[0] ?? "";
}

/** `$check_drive_perms` of an update: a cloud-init drive needs Cloudinit and CDROM, a CD drive CDROM, a disk Disk. */
export function checkDrivePerms(perm: PermissionChecker, vmid: number, value: string) {
  if (/cloudinit/.test(volumeOf(value)))
    perm.checkVm(vmid, undefined, ["VM.Config.Cloudinit", "VM.Config.CDROM"]);
  else if (/(^|,)media=cdrom/.test(value) || volumeOf(value) === "none")
    perm.checkVm(vmid, undefined, ["VM.Config.CDROM"]);
  else perm.checkVm(vmid, undefined, ["VM.Config.Disk"]);
}

/** `$check_storage_access`: a new disk needs Datastore.AllocateSpace on its storage. */
export function checkStorageAccess(perm: PermissionChecker, vmid: number, settings: Record<string, string>) {
  for (const [key, value] of Object.entries(settings)) {
    if (!driveKey.test(key)) continue;
    const volume = volumeOf(value);
    const cdrom = /(^|,)media=cdrom/.test(value);
    if (!volume || volume === "none" || /(^|:)cloudinit$/.test(volume)) continue;
    if (cdrom && volume === "cdrom") {
      perm.check("/", ["Sys.Console"]);
      continue;
    }
    const newDisk = !cdrom && /^([a-z][a-z0-9\-_.]*):(\d+(\.\d+)?)$/i.exec(volume);
    if (newDisk) perm.check(`/storage/${newDisk[1]}`, ["Datastore.AllocateSpace"]);
    else checkVolumeAccess(perm, vmid, volume);
  }
}

/**
 * pve-storage `Storage.pm` check_volume_access, for volumes of the forms the simulator keeps; a backup
 * needs Datastore.AllocateSpace and its owner's VM.Backup.
 */
export function checkVolumeAccess(
  perm: PermissionChecker,
  vmid: number | undefined,
  volid: string,
  type?: string,
) {
  const [storage, volname = ""] = volid.split(":");
  if (!volname) throw new SimError(500, "Only root can pass arbitrary filesystem paths.");
  const backup = volname.startsWith("backup/");
  const vtype = backup ? "backup" : (/^(iso|vztmpl|import)\//.exec(volname)?.[1] ?? "images");
  if (type !== undefined && vtype !== type)
    throw new SimError(500, `unable to use volume ${volid} - content type needs to be '${type}'`);
  if (perm.allowed(`/storage/${storage}`, ["Datastore.Allocate"])) return;
  const owner = backup
    ? /^backup\/(?:vzdump-(?:qemu|lxc|openvz)-(\d+)-|(?:vm|ct)\/(\d+)\/)/
        .exec(volname)
        ?.slice(1)
        .find(Boolean)
    : /(?:^|\/)(?:vm|base)-(\d+)-/.exec(volname)?.[1];
  if (/^(iso|vztmpl|import)\//.test(volname)) {
    perm.checkAny(`/storage/${storage}`, ["Datastore.AllocateSpace", "Datastore.Audit"]);
  } else if (owner && vmid !== undefined && Number(owner) === vmid) {
    // the VM's own volume
  } else if (backup && owner) {
    perm.check(`/storage/${storage}`, ["Datastore.AllocateSpace"]);
    perm.check(`/vms/${owner}`, ["VM.Backup"]);
  } else if (owner) {
    perm.check(`/storage/${storage}`, ["Datastore.Audit"]);
    perm.check(`/vms/${owner}`, ["VM.Config.Disk"]);
  } else {
    throw new SimError(500, `missing privileges to access ${volid}`);
  }
}

/** `$check_storage_access_clone`: each disk's target storage needs Datastore.AllocateSpace. */
export function checkStorageAccessClone(
  perm: PermissionChecker,
  config: Record<string, string>,
  storage?: string,
) {
  for (const [key, value] of Object.entries(config)) {
    if (!driveKey.test(key)) continue;
    const volume = volumeOf(value);
    if (!volume || volume === "none") continue;
    if (/(^|,)media=cdrom/.test(value)) {
      if (volume === "cdrom") perm.check("/", ["Sys.Console"]);
      continue;
    }
    perm.check(`/storage/${storage ?? volume.split(":")[0]}`, ["Datastore.AllocateSpace"]);
  }
}

/** `check_bridge_access` / `check_vnet_access`: SDN.Use on the bridge, or on its VLAN when tagged. */
export function checkBridgeAccess(perm: PermissionChecker, config: Record<string, string>) {
  for (const [key, value] of Object.entries(config)) {
    if (!/^net\d+$/.test(key)) continue;
    const bridge = /(?:^|,)bridge=([^,]+)/.exec(value)?.[1];
    if (!bridge) continue;
    const tag = /(?:^|,)tag=(\d+)/.exec(value)?.[1];
    perm.check(`/sdn/zones/localnetwork/${bridge}${tag ? `/${tag}` : ""}`, ["SDN.Use"]);
  }
}
