import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import type { SimStorage, SimVolume } from "./model";

const pad = (value: number) => String(value).padStart(2, "0");

/** The nodes keep UTC, so vzdump's `localtime` and PBS's `gmtime` agree on the clock. */
function parts(seconds: number) {
  const date = new Date(seconds * 1000);
  return {
    y: date.getUTCFullYear(),
    mo: pad(date.getUTCMonth() + 1),
    d: pad(date.getUTCDate()),
    h: pad(date.getUTCHours()),
    mi: pad(date.getUTCMinutes()),
    s: pad(date.getUTCSeconds()),
  };
}

/** `strftime("%F %H:%M:%S")`, as vzdump logs "Backup started at …". */
export function logTime(seconds: number): string {
  const { y, mo, d, h, mi, s } = parts(seconds);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** The compressor's file extension (pve-manager PVE/VZDump.pm compressor_info). */
export function compressionExtension(compress: string | undefined): string | undefined {
  if (!compress || compress === "0") return undefined;
  if (compress === "1" || compress === "lzo") return "lzo";
  return compress === "gzip" ? "gz" : "zst";
}

/**
 * The volume name of a new backup: `backup/vzdump-qemu-<vmid>-<YYYY_MM_DD-HH_MM_SS>.vma[.ext]` on a
 * directory storage (PVE/VZDump.pm exec_backup_task), `backup/vm/<vmid>/<ISO time>Z` on PBS
 * (pve-storage PBSPlugin.pm print_volid).
 */
export function backupVolname(storage: SimStorage, vmid: number, seconds: number, compress?: string) {
  const { y, mo, d, h, mi, s } = parts(seconds);
  if (storage.type === "pbs") return `backup/vm/${vmid}/${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
  const ext = compressionExtension(compress);
  return `backup/vzdump-qemu-${vmid}-${y}_${mo}_${d}-${h}_${mi}_${s}.vma${ext ? `.${ext}` : ""}`;
}

/** The format pve-storage reports: `vma.zst` from the file name (Plugin.pm), `pbs-vm` on PBS. */
export function backupFormat(volname: string, storage: SimStorage): string {
  if (storage.type === "pbs") return "pbs-vm";
  return /\.((?:tar|vma)(?:\.(?:gz|lzo|zst|bz2))?)$/.exec(volname)?.[1] ?? "vma";
}

/** The path the worker logs: the dump directory of a dir storage, the snapshot name on PBS. */
export function archiveTarget(storage: SimStorage, volname: string): string {
  return storage.type === "pbs"
    ? volname.replace(/^backup\//, "")
    : `/var/lib/vz/dump/${volname.replace(/^backup\//, "")}`;
}

/** The owner VM of a backup volume name (parse_volname of the dir and PBS plugins). */
export function backupOwner(volname: string): number | undefined {
  const match = /^backup\/(?:vzdump-(?:qemu|lxc|openvz)-(\d+)-|(?:vm|ct)\/(\d+)\/)/.exec(volname);
  const owner = match?.[1] ?? match?.[2];
  return owner ? Number(owner) : undefined;
}

/** `$real_volume_id` of API2/Storage/Content.pm: a full volume id, or a name completed with `storage`. */
export function realVolumeId(
  storage: string | undefined,
  volume: string,
): { volid: string; storeid: string } {
  if (volume.includes(":")) {
    const [sid = ""] = volume.split(":");
    if (storage && sid !== storage)
      throw new SimError(400, "Parameter verification failed.", {
        volume: `storage ID mismatch (${sid} != ${storage})`,
      });
    return { volid: volume, storeid: sid };
  }
  if (!storage)
    throw new SimError(400, "Parameter verification failed.", {
      volume: "no storage specified - incomplete volume ID",
    });
  return { volid: `${storage}:${volume}`, storeid: storage };
}

export function storageConfig(cluster: SimCluster, storeid: string): SimStorage {
  const storage = cluster.state.storages.find((candidate) => candidate.id === storeid);
  if (!storage) throw new SimError(500, `storage '${storeid}' does not exist`);
  return storage;
}

/** The volume, or the error the storage plugin raises for a name it does not have. */
export function findVolume(cluster: SimCluster, volid: string): SimVolume {
  const volume = cluster.state.volumes.find((candidate) => candidate.volid === volid);
  if (volume) return volume;
  const [storeid = "", volname = ""] = volid.split(":");
  const storage = storageConfig(cluster, storeid);
  if (storage.type === "pbs") {
    if (!/^backup\/[^\s_]+\/[^\s_]+\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(volname))
      throw new SimError(500, `unable to parse PBS volume name '${volname}'`);
    throw new SimError(500, `proxmox-backup-client failed: Error: no such snapshot`);
  }
  if (!/^(backup|iso|vztmpl|images|snippets|import)\//.test(volname))
    throw new SimError(500, `unable to parse directory volume name '${volname}'`);
  throw new SimError(500, `volume_size_info on '${volid}' failed - no format`);
}

export function backupsOf(cluster: SimCluster, storeid: string, vmid: number): SimVolume[] {
  return cluster.state.volumes.filter(
    (volume) => volume.storage === storeid && volume.content === "backup" && volume.vmid === vmid,
  );
}
