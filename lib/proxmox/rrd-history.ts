import type { ProxmoxClient } from "./client";
import type { RrdPoint } from "./schemas";

export type RrdTimeframe = "hour" | "day" | "week" | "month" | "year";

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * [step in seconds, rows] Proxmox keeps per timeframe (pve-cluster PVE::RRD::create_rrd_data): PVE 9
 * reads its pve-*-9.0 files, older releases the pve2-* ones, whose week is 70 × 3 h (8¾ days).
 */
const layouts = {
  modern: { hour: [60, 60], day: [60, 1440], week: [1800, 336], month: [1800, 1440], year: [21_600, 1440] },
  legacy: { hour: [60, 70], day: [1800, 70], week: [10_800, 70], month: [43_200, 70], year: [604_800, 70] },
} as const satisfies Record<string, Record<RrdTimeframe, readonly [number, number]>>;

export type RrdLayout = (typeof layouts)[keyof typeof layouts];

/** The layout for a `/version` release such as "9.1" or "8.4". */
export function rrdLayoutFor(release: string): RrdLayout {
  const major = Number.parseInt(release, 10);
  return Number.isFinite(major) && major >= 9 ? layouts.modern : layouts.legacy;
}

/** How many seconds of history a timeframe reaches back. */
export function rrdWindowSeconds(layout: RrdLayout, timeframe: RrdTimeframe): number {
  const [step, rows] = layout[timeframe];
  return step * rows;
}

/** The shortest timeframe that reaches back `days`: a week when it does, else a month, else a year. */
export function timeframeCovering(layout: RrdLayout, days: number): RrdTimeframe {
  const wanted = days * DAY;
  return (["week", "month"] as const).find((frame) => rrdWindowSeconds(layout, frame) >= wanted) ?? "year";
}

const RELEASE_TTL_MS = 60 * 60 * 1000;
const releases = new WeakMap<ProxmoxClient, { release: Promise<string>; at: number }>();

/** The cluster's release from `/version`, asked once an hour per client (one client per cluster). */
export function clusterRelease(client: ProxmoxClient): Promise<string> {
  const cached = releases.get(client);
  if (cached && Date.now() - cached.at < RELEASE_TTL_MS) return cached.release;
  const release = client.version().then((answer) => answer.release);
  releases.set(client, { release, at: Date.now() });
  release.catch(() => releases.delete(client));
  return release;
}

/** The spans the VM page charts: the last hour, day or seven days, whatever the release keeps. */
const chartSpans = { hour: HOUR, day: DAY, week: 7 * DAY } as const;
export type ChartRange = keyof typeof chartSpans;

/**
 * A VM's usage over a chart range, trimmed to exactly that span: PVE 8's week reaches back 8¾ days,
 * its day 35 hours, so the same range means the same time on every release.
 */
export async function vmUsageHistory(
  client: ProxmoxClient,
  node: string,
  vmid: number,
  range: ChartRange,
  now = Date.now(),
): Promise<RrdPoint[]> {
  const points = await client.qemu.rrd(node, vmid, range);
  const since = now / 1000 - chartSpans[range];
  return points.filter((point) => point.time >= since);
}
