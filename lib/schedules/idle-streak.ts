import type { IdleStopPolicy, IdleWatch } from "@/db/schema";

/** One reading of a guest from `/cluster/resources`. */
export interface GuestReading {
  at: Date;
  running: boolean;
  /** CPU as a share of its cores, 0..1. */
  cpu: number;
  /** netin + netout since the guest started. */
  netBytes: number;
  uptime: number;
}

/** Readings closer together than this add nothing; the minute's run reads about one a minute. */
const SPACING_MS = 50_000;
/** Longer than this between readings, and nobody can say the guest stayed quiet in between. */
export const MAX_GAP_MS = 3 * 60_000;

const samePolicy = (a: IdleStopPolicy, b: IdleStopPolicy) =>
  a.minutes === b.minutes && a.cpuPercent === b.cpuPercent && a.networkKibps === b.networkKibps;

const cpuQuiet = (cpu: number, policy: IdleStopPolicy) => cpu * 100 < policy.cpuPercent;

/**
 * The watch after a new reading. A quiet run is unbroken readings of a running guest with CPU under the
 * threshold and network counters growing slower than it, none further apart than a few minutes; it starts
 * at its first reading. A restart (uptime going back), a counter reset, a gap or another policy ends it.
 * Null: the reading adds nothing (too soon after the last).
 */
export function nextIdleWatch(
  vmId: string,
  previous: IdleWatch | undefined,
  reading: GuestReading,
  policy: IdleStopPolicy,
): IdleWatch | null {
  const fresh = {
    vmId,
    sampledAt: reading.at,
    cpu: reading.cpu,
    netBytes: reading.netBytes,
    uptime: reading.uptime,
    policy,
  };
  if (!previous || !samePolicy(previous.policy, policy)) return { ...fresh, quietSince: null };
  const elapsedMs = reading.at.getTime() - previous.sampledAt.getTime();
  if (elapsedMs < SPACING_MS && elapsedMs >= 0) return null;
  const continuous =
    elapsedMs > 0 &&
    elapsedMs <= MAX_GAP_MS &&
    reading.uptime >= previous.uptime &&
    reading.netBytes >= previous.netBytes;
  const kibps = continuous ? (reading.netBytes - previous.netBytes) / (elapsedMs / 1000) / 1024 : Infinity;
  const quiet = reading.running && cpuQuiet(reading.cpu, policy) && kibps < policy.networkKibps;
  if (!quiet) return { ...fresh, quietSince: null };
  const since = previous.quietSince ?? (cpuQuiet(previous.cpu, policy) ? previous.sampledAt : reading.at);
  return { ...fresh, quietSince: since };
}

/** Whether the watch shows the guest quiet for the policy's minutes, by a reading recent enough. */
export function stayedQuietFor(watch: IdleWatch | undefined, policy: IdleStopPolicy, now: Date): boolean {
  if (!watch?.quietSince || !samePolicy(watch.policy, policy)) return false;
  if (now.getTime() - watch.sampledAt.getTime() > MAX_GAP_MS) return false;
  return now.getTime() - watch.quietSince.getTime() >= policy.minutes * 60_000;
}
