import type { RrdPoint } from "@/lib/proxmox";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Since when a VM has been idle, from Proxmox's week of RRD points (one per 3 hours): the start of the
 * latest run of points under the threshold, if that run covers at least `days`. A point without CPU
 * figures is a VM that was off, which is idle too; a VM younger than `days` is never idle.
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
  // Figures that stop hours before now say nothing about now.
  const latest = sorted.at(-1);
  if (!latest || latest.time * 1000 < now.getTime() - 6 * 60 * 60 * 1000) return null;
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
