import type { SimCluster } from "../cluster";
import { slowStorageHoldMs } from "../faults";

/**
 * The lock a volume is allocated under, as PVE takes it. pve-storage PVE/Storage.pm vdisk_alloc and
 * vdisk_clone (and vdisk_free) run the plugin's work inside PVE/Storage/Plugin.pm cluster_lock_storage:
 * for local storage a flock of /var/lock/pve-manager/pve-storage-<id> on the node doing it (pve-common
 * PVE/Tools.pm lock_file, waiting 10 s and dying "can't lock file '…' - got timeout"), for shared
 * storage pmxcfs's cluster-wide lock (pve-cluster PVE/Cluster.pm cfs_lock_storage → cfs_lock, 10 s,
 * "cfs-lock 'storage-<id>' error: got lock request timeout"). Only the allocation is under it: a full
 * clone's copy runs after (qemu-server PVE/QemuServer.pm clone_disk), outside the storage's lock.
 */
export async function allocateUnderStorageLock(
  cluster: SimCluster,
  node: string,
  storageId: string,
  /** How long the allocation takes at task speed 1: an lvcreate of a thin snapshot or a volume. */
  allocateMs: number,
): Promise<void> {
  const shared = cluster.state.storages.find((storage) => storage.id === storageId)?.shared ?? false;
  const path = `/var/lock/pve-manager/pve-storage-${storageId}`;
  const release = await cluster.flocks.acquire({
    ...cluster.flock(0, { seconds: 10 }),
    vmid: shared ? `cfs:storage-${storageId}` : `${node}:${path}`,
    timeoutMessage: shared
      ? `cfs-lock 'storage-${storageId}' error: got lock request timeout`
      : `can't lock file '${path}' - got timeout`,
  });
  try {
    const holdMs = allocateMs / cluster.options.taskSpeed + slowStorageHoldMs(cluster.faults, storageId);
    await new Promise((resolve) => setTimeout(resolve, holdMs));
  } finally {
    release();
  }
}
