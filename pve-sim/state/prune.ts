import type { SimCluster } from "../cluster";
import { SimError } from "../errors";

const keepKeys = [
  "keep-all",
  "keep-last",
  "keep-hourly",
  "keep-daily",
  "keep-weekly",
  "keep-monthly",
  "keep-yearly",
] as const;

export type KeepOptions = Partial<Record<(typeof keepKeys)[number], number>>;

/** The `prune-backups` property string (pve-storage Storage.pm / pve-common's prune-backups format). */
export function parseKeep(text: string, param = "prune-backups"): KeepOptions {
  const keep: KeepOptions = {};
  for (const part of text.split(",").filter(Boolean)) {
    const [key = "", value = ""] = part.split("=");
    if (!(keepKeys as readonly string[]).includes(key))
      throw new SimError(400, "Parameter verification failed.", {
        [param]: `invalid format - unknown key '${key}'`,
      });
    const allowed = key === "keep-all" ? /^[01]$/ : /^\d+$/;
    if (!allowed.test(value))
      throw new SimError(400, "Parameter verification failed.", {
        [param]: `invalid format - ${key}: type check ('${key === "keep-all" ? "boolean" : "integer"}') failed - got '${value}'`,
      });
    keep[key as keyof KeepOptions] = Number(value);
  }
  return keep;
}

/** vzdump's log of the options: `keep-daily=7, keep-last=3`. */
export function describeKeep(keep: KeepOptions): string {
  return Object.keys(keep)
    .sort()
    .map((key) => `${key}=${keep[key as keyof KeepOptions]}`)
    .join(", ");
}

/** PVE/VZDump.pm: the sum of the keep options limits how many backups may exist when nothing is pruned. */
export function backupLimit(keep: KeepOptions): number {
  if (keep["keep-all"]) return 0;
  return Object.entries(keep).reduce(
    (total, [key, value]) => (key === "keep-all" ? total : total + (value ?? 0)),
    0,
  );
}

export function keepsAll(keep: KeepOptions): boolean {
  return (
    Boolean(keep["keep-all"]) ||
    !Object.entries(keep).some(([key, value]) => key !== "keep-all" && value! > 0)
  );
}

export interface PruneEntry {
  volid: string;
  ctime: number;
  type: "qemu";
  vmid: number;
  mark?: "keep" | "remove" | "protected";
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${week}/${day.getUTCFullYear()}`;
}

/** The nodes keep UTC, so `localtime` is UTC here. */
const periods: [keyof KeepOptions, (ctime: number) => string][] = [
  ["keep-last", (ctime) => String(ctime)],
  ["keep-hourly", (ctime) => new Date(ctime * 1000).toISOString().slice(0, 13)],
  ["keep-daily", (ctime) => new Date(ctime * 1000).toISOString().slice(0, 10)],
  ["keep-weekly", (ctime) => isoWeek(new Date(ctime * 1000))],
  ["keep-monthly", (ctime) => new Date(ctime * 1000).toISOString().slice(0, 7)],
  ["keep-yearly", (ctime) => new Date(ctime * 1000).toISOString().slice(0, 4)],
];

/** PVE/Storage.pm `$prune_mark`: the newest backup of each period is kept, up to `count` periods. */
function markPeriod(entries: PruneEntry[], count: number | undefined, id: (ctime: number) => string) {
  if (!count) return;
  const already = new Set(entries.filter((entry) => entry.mark === "keep").map((entry) => id(entry.ctime)));
  const newly = new Set<string>();
  for (const entry of entries) {
    const period = id(entry.ctime);
    if (entry.mark || already.has(period)) continue;
    if (!newly.has(period)) {
      if (newly.size >= count) break;
      newly.add(period);
      entry.mark = "keep";
    } else entry.mark = "remove";
  }
}

/**
 * Plugin.pm prune_backups and Storage.pm prune_mark_backup_group: each guest's backups on the storage,
 * newest first, marked keep or remove by the options; a protected backup is never removed.
 */
export function pruneMarks(
  cluster: SimCluster,
  storeid: string,
  keep: KeepOptions,
  vmid?: number,
): PruneEntry[] {
  const list: PruneEntry[] = cluster.state.volumes
    .filter((volume) => volume.storage === storeid && volume.content === "backup")
    .filter((volume) => vmid === undefined || volume.vmid === vmid)
    .map((volume) => ({
      volid: volume.volid,
      ctime: volume.ctime,
      type: "qemu" as const,
      vmid: volume.vmid!,
      ...(volume.protected ? { mark: "protected" as const } : {}),
    }));
  const groups = new Map<number, PruneEntry[]>();
  for (const entry of list) groups.set(entry.vmid, [...(groups.get(entry.vmid) ?? []), entry]);
  for (const group of groups.values()) {
    if (keepsAll(keep)) {
      for (const entry of group) entry.mark ??= "keep";
      continue;
    }
    const newestFirst = group.toSorted((a, b) => b.ctime - a.ctime);
    for (const [key, id] of periods) markPeriod(newestFirst, keep[key], id);
    for (const entry of newestFirst) entry.mark ??= "remove";
  }
  return list;
}

/** Removes what the marks say, logging as Plugin.pm prune_backups does. */
export function applyPrune(cluster: SimCluster, entries: PruneEntry[]): string[] {
  const removed = entries.filter((entry) => entry.mark === "remove");
  const gone = new Set(removed.map((entry) => entry.volid));
  cluster.state.volumes = cluster.state.volumes.filter((volume) => !gone.has(volume.volid));
  return removed.map((entry) => `removing backup '${entry.volid}'`);
}
