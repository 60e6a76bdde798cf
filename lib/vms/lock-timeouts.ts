/**
 * Proxmox's lock waits that ran out: a flock (pve-common PVE/Tools.pm lock_file_full: "can't lock file
 * '…' - got timeout", as PVE/Storage/Plugin.pm cluster_lock_storage takes for local storage and
 * PVE/AbstractConfig.pm lock_config for a VM's config) or pmxcfs's lock for shared storage (pve-cluster
 * PVE/Cluster.pm cfs_lock: "cfs-lock 'storage-…' error: got lock request timeout"). Nothing was done when
 * they fire, so the same call may simply be made again later.
 */
export function isLockTimeout(error: unknown): boolean {
  const text = `${(error as { reason?: string } | null)?.reason ?? ""} ${(error as Error | null)?.message ?? ""}`;
  return /can't lock file '[^']*' - got timeout|cfs-lock '[^']*' error: got lock request timeout/.test(text);
}

export interface LockRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; it doubles after each, with up to half again at random. */
  firstDelayMs: number;
}

export const defaultLockRetry: LockRetry = { attempts: 6, firstDelayMs: 2000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, again after a back-off each time it fails on a lock timeout, at most `attempts` times. */
export async function retryOnLockTimeout<T>(
  fn: () => Promise<T>,
  retry: LockRetry = defaultLockRetry,
  onRetry?: (attempt: number, error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isLockTimeout(error) || attempt >= retry.attempts) throw error;
      onRetry?.(attempt, error);
      const delay = retry.firstDelayMs * 2 ** (attempt - 1);
      await sleep(delay + Math.random() * delay * 0.5);
    }
  }
}
