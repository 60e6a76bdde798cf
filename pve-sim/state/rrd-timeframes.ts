import type { SimRelease } from "../release";

export type Timeframe = "hour" | "day" | "week" | "month" | "year" | "decade";

/**
 * [resolution in seconds, number of rows] per timeframe, from pve-cluster's PVE::RRD::create_rrd_data:
 * PVE 9 reads the pve-{vm,node}-9.0 files (master, `$setup`), PVE 8.4 the pve2-* files (stable-bookworm).
 * PVE 8.4 has no `decade`; its schema refuses the value.
 */
const setups: Record<SimRelease, Partial<Record<Timeframe, [number, number]>>> = {
  "9.1": {
    hour: [60, 60],
    day: [60, 1440],
    week: [60 * 30, 336],
    month: [60 * 30, 1440],
    year: [3600 * 6, 1440],
    decade: [86400 * 7, 570],
  },
  "8.4": {
    hour: [60, 70],
    day: [60 * 30, 70],
    week: [60 * 180, 70],
    month: [60 * 720, 70],
    year: [60 * 10080, 70],
  },
};

export function rrdSetup(release: SimRelease, timeframe: Timeframe): [number, number] | undefined {
  return setups[release][timeframe];
}

/**
 * The row times create_rrd_data asks rrdtool for: `-s ctime - reso*count -e ctime - 1` with
 * ctime = reso * int(now / reso), so `count` rows, the last one the bucket before the current one.
 */
export function rrdRowTimes(release: SimRelease, timeframe: Timeframe, nowMs: number): number[] | undefined {
  const setup = rrdSetup(release, timeframe);
  if (!setup) return undefined;
  const [reso, count] = setup;
  const ctime = reso * Math.floor(nowMs / 1000 / reso);
  return Array.from({ length: count }, (_, index) => ctime - reso * (count - index));
}
