/**
 * The per-VM config flocks PVE takes around every config change and most workers:
 * `/var/lock/qemu-server/lock-<vmid>.conf`, exclusive or shared (pve-guest-common AbstractConfig.pm
 * lock_config / lock_config_shared, over pve-common Tools.pm lock_file_full). A caller that cannot
 * get the lock waits up to its timeout and then dies with "can't lock file '…' - got timeout".
 */
export interface FlockRequest {
  /** A VM's config flock; or, for other locks, a key of their own with the error their timeout gives. */
  vmid: number | string;
  shared?: boolean;
  timeoutMs: number;
  /** What a caller that waited in vain dies with; a VM's config flock says "can't lock file …". */
  timeoutMessage?: string;
}

interface Holder {
  shared: boolean;
  count: number;
}

export function flockPath(vmid: number): string {
  return `/var/lock/qemu-server/lock-${vmid}.conf`;
}

export class ConfigFlocks {
  private readonly holders = new Map<number | string, Holder>();
  private waiters = new Set<() => void>();

  private tryTake(vmid: number | string, shared: boolean): boolean {
    const holder = this.holders.get(vmid);
    if (!holder) {
      this.holders.set(vmid, { shared, count: 1 });
      return true;
    }
    if (shared && holder.shared) {
      holder.count++;
      return true;
    }
    return false;
  }

  private release(vmid: number | string) {
    const holder = this.holders.get(vmid);
    if (!holder) return;
    holder.count--;
    if (holder.count <= 0) this.holders.delete(vmid);
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  isHeld(vmid: number | string): boolean {
    return this.holders.has(vmid);
  }

  /** Takes one flock, waiting as flock(2) does; resolves to its release, rejects with PVE's timeout message. */
  async acquire({ vmid, shared = false, timeoutMs, timeoutMessage }: FlockRequest): Promise<() => void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.tryTake(vmid, shared)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          timeoutMessage ??
            `can't lock file '${typeof vmid === "number" ? flockPath(vmid) : vmid}' - got timeout`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          resolve();
        }, left);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.add(wake);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(vmid);
    };
  }

  /** Several flocks in order (a clone takes its source's, then its target's); all or none. */
  async acquireAll(requests: FlockRequest[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    try {
      for (const request of requests) releases.push(await this.acquire(request));
    } catch (error) {
      for (const release of releases.reverse()) release();
      throw error;
    }
    return () => {
      for (const release of releases.reverse()) release();
    };
  }
}
