import type { ClusterResource } from "@/lib/proxmox/schemas";

/** One reading of a guest from `/cluster/resources`: CPU as a share of its cores, network as byte counters. */
interface ActivitySample {
  at: number;
  running: boolean;
  cpu: number;
  /** netin + netout since the guest started. */
  netBytes: number;
  uptime: number;
}

export interface QuietThresholds {
  minutes: number;
  cpuPercent: number;
  networkKibps: number;
}

/** Readings closer together than this add nothing; one a minute is what idle stop reads. */
const SPACING_MS = 50_000;
/** Longer than this between readings, and nobody can say the guest stayed quiet in between. */
const MAX_GAP_MS = 3 * 60_000;
/** The longest quiet run any policy asks for (a day), plus slack. */
const KEEP_MS = 25 * 60 * 60_000;

// Per process, as the status pollers are: a restarted portal starts counting again, which only delays a stop.
const holder = globalThis as unknown as { roostGuestActivity?: Map<string, ActivitySample[]> };
holder.roostGuestActivity ??= new Map();
const series = () => holder.roostGuestActivity!;

const key = (clusterId: string, vmid: number) => `${clusterId}:${vmid}`;

/** Keeps what a `/cluster/resources` answer read at `at` says about each guest's activity. */
export function noteGuestActivity(clusterId: string, resources: ClusterResource[], at: number): void {
  for (const item of resources) {
    if (item.type !== "qemu" || item.vmid === undefined) continue;
    const samples = series().get(key(clusterId, item.vmid)) ?? [];
    const last = samples.at(-1);
    if (last && at - last.at < SPACING_MS) continue;
    const loose = item as ClusterResource & { netin?: unknown; netout?: unknown };
    samples.push({
      at,
      running: item.status === "running",
      cpu: item.cpu ?? 0,
      netBytes: Number(loose.netin ?? 0) + Number(loose.netout ?? 0),
      uptime: item.uptime ?? 0,
    });
    while (samples.length > 0 && samples[0]!.at < at - KEEP_MS) samples.shift();
    series().set(key(clusterId, item.vmid), samples);
  }
}

/**
 * Whether the guest ran with CPU and network under the thresholds for the last `minutes`, by unbroken
 * readings: one at the window's start or before, none further apart than a few minutes, the last recent.
 * A restart inside the window (uptime going back) is activity.
 */
export function stayedQuiet(clusterId: string, vmid: number, limits: QuietThresholds, now: number): boolean {
  const samples = series().get(key(clusterId, vmid)) ?? [];
  const windowStart = now - limits.minutes * 60_000;
  const first = samples.findLastIndex((sample) => sample.at <= windowStart);
  if (first < 0) return false;
  const run = samples.slice(first).filter((sample) => sample.at <= now);
  if (now - run.at(-1)!.at > MAX_GAP_MS) return false;
  for (const [index, sample] of run.entries()) {
    if (!sample.running || sample.cpu * 100 >= limits.cpuPercent) return false;
    const before = run[index - 1];
    if (!before) continue;
    const seconds = (sample.at - before.at) / 1000;
    if (seconds * 1000 > MAX_GAP_MS || sample.uptime < before.uptime || sample.netBytes < before.netBytes)
      return false;
    if ((sample.netBytes - before.netBytes) / seconds / 1024 >= limits.networkKibps) return false;
  }
  return true;
}

/** Forgets a guest's readings, once it was stopped: its next quiet run starts from nothing. */
export function forgetGuestActivity(clusterId: string, vmid: number): void {
  series().delete(key(clusterId, vmid));
}
