import type { SimCluster } from "../cluster";
import { SimError } from "../errors";
import type { SimVm } from "../state/model";

/** pve-access-control PVE::RPCEnvironment::check_pool_exist, which raises a permission exception. */
export function checkPoolExists(cluster: SimCluster, pool: string | undefined) {
  if (pool === undefined) return;
  if (!cluster.state.pools.some((candidate) => candidate.poolid === pool))
    throw new SimError(403, `Permission check failed (pool '${pool}' does not exist)`);
}

function storageOf(cluster: SimCluster, volid: string) {
  const id = volid.split(":")[0]!;
  const storage = cluster.state.storages.find((candidate) => candidate.id === id);
  if (!storage) throw new SimError(500, `storage '${id}' does not exist`);
  return storage;
}

/**
 * qemu-server PVE/API2/Qemu.pm `clone_vm`, its `$load_and_check` up to the copy, in its order: the
 * `storage` parameter, then linked clones refusing `storage` and `format`, then every volume of the
 * source (disks, CD images, the cloud-init drive; not `none` or a host `cdrom`) on shared storage when
 * the target is another node (`$check_storage_access_clone`).
 */
export function checkClone(
  cluster: SimCluster,
  source: SimVm,
  options: { target?: string; storage?: string; format?: string; full: boolean },
) {
  const { target, storage, format, full } = options;
  if (storage) {
    const chosen = cluster.state.storages.find((candidate) => candidate.id === storage);
    if (!chosen) throw new SimError(500, `storage '${storage}' does not exist`);
    if (!chosen.content.includes("images"))
      throw new SimError(400, "Parameter verification failed.", {
        storage: `storage '${storage}' does not support vm images`,
      });
    if (target && !chosen.shared) throw new SimError(500, `can't clone to non-shared storage '${storage}'`);
  }
  if (storage !== undefined && !full)
    throw new SimError(500, "parameter 'storage' not allowed for linked clones");
  if (format !== undefined && !full)
    throw new SimError(500, "parameter 'format' not allowed for linked clones");
  if (!target) return;
  const volumes = Object.entries(source.config)
    .filter(([key]) => /^(ide|sata|scsi|virtio)\d+$|^efidisk0$|^tpmstate0$/.test(key))
    .map(([, value]) => value.split(",")[0]!)
    .filter((volid) => volid !== "none" && volid !== "cdrom" && volid.includes(":"));
  const shared = volumes.every((volid) => storageOf(cluster, volid).shared);
  if (!shared) throw new SimError(500, `can't clone VM to node '${target}' (VM uses local storage)`);
}
