/** How many backups a schedule keeps, as vzdump's prune-backups counts them (keep-last, -daily, -weekly). */
export interface Retention {
  keepLast: number;
  keepDaily: number;
  keepWeekly: number;
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** ISO week, e.g. 2026-W49, in UTC. */
function weekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Which backups retention removes, oldest first. As PVE's prune selection (pve-storage Storage.pm
 * prune_mark_backup_group): newest first, keep-last keeps the newest N, then keep-daily the newest of each of
 * the N latest days no kept backup covers yet, then keep-weekly likewise by ISO week; protected backups are
 * never removed and take no place.
 */
export function selectPrunable<T extends { createdAt: Date; protected: boolean }>(
  backups: T[],
  keep: Retention,
): T[] {
  const candidates = backups
    .filter((backup) => !backup.protected)
    .sort((a, b) => +b.createdAt - +a.createdAt);
  const kept = new Set<T>(candidates.slice(0, keep.keepLast));
  for (const [count, periodOf] of [
    [keep.keepDaily, dayOf],
    [keep.keepWeekly, weekOf],
  ] as const) {
    if (count === 0) continue;
    const covered = new Set([...kept].map((backup) => periodOf(backup.createdAt)));
    const added = new Set<string>();
    for (const backup of candidates) {
      const period = periodOf(backup.createdAt);
      if (kept.has(backup) || covered.has(period) || added.has(period)) continue;
      if (added.size >= count) break;
      added.add(period);
      kept.add(backup);
    }
  }
  return candidates.filter((backup) => !kept.has(backup)).reverse();
}
