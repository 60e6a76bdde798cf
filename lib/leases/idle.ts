import type { RrdPoint } from "@/lib/proxmox";
import { DAY } from "./lease-dates";

/**
 * Since when a VM has been idle, from Proxmox's RRD points (a week or a month, 30 minutes to 12 hours
 * apart by release): the start of the latest run of points under the threshold, if that run covers at
 * least `days`. A point without CPU figures is a VM that was off, which is idle too; a VM younger than
 * `days` is never idle.
 */
export function idleSince(
  points: RrdPoint[],
  threshold: { cpuPercent: number; days: number },
  vmCreatedAt: Date,
  now = new Date(),
): Date | null {
  const since = now.getTime() - threshold.days * DAY;
  if (vmCreatedAt.getTime() > since) return null;
  const sorted = [...points].sort((a, b) => a.time - b.time);
  // Figures that stop well before now say nothing about now. Proxmox's newest row is the step before
  // the current one, so with 12-hour steps (PVE 8's month) it can be a day old.
  const latest = sorted.at(-1);
  const step = sorted.length > 1 ? latest!.time - sorted.at(-2)!.time : 0;
  const stale = Math.max(6 * 60 * 60, 2 * step + 60) * 1000;
  if (!latest || latest.time * 1000 < now.getTime() - stale) return null;
  let start: number | null = null;
  for (let index = sorted.length - 1; index >= 0; index--) {
    const point = sorted[index]!;
    if ((point.cpu ?? 0) * 100 >= threshold.cpuPercent) break;
    start = point.time * 1000;
  }
  return start !== null && start <= since ? new Date(start) : null;
}

export function idleDays(since: Date | null, now = new Date()): number | null {
  return since ? Math.floor((now.getTime() - since.getTime()) / DAY) : null;
}
