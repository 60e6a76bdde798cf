import type { BackupSchedule } from "@/db/schema";
import type { getVmBackups } from "@/lib/backups/backup-views";
import { formatBytes, formatGiB } from "@/lib/format";
import type { Formatter, Translator } from "@/lib/i18n/translator";
import type { Quota } from "@/lib/quotas/quota";
import type { BackupItem } from "./backup-item";
import type { ScheduleView } from "./schedule-form";

type VmBackups = Awaited<ReturnType<typeof getVmBackups>>;

/** How the reader writes words, dates and sizes: from the request, or a test's fixed language. */
export interface Words {
  t: Translator;
  format: Formatter;
  locale: string;
}

/** The VM's backups as the card lists them, newest first, with dates and sizes in the reader's words. */
export function backupItems(
  { backups, storages }: Pick<VmBackups, "backups" | "storages">,
  { t, format, locale }: Words,
): BackupItem[] {
  const labels = new Map(storages.map((storage) => [storage.id, storage.label]));
  return backups
    .filter((backup) => backup.state !== "removed")
    .sort((a, b) => +b.createdAt - +a.createdAt)
    .map((backup) => ({
      id: backup.id,
      state: backup.state,
      progress: backup.progress,
      note: backup.note,
      origin: backup.origin,
      mode: backup.mode,
      size:
        backup.state === "done" ? formatBytes(backup.sizeBytes, { locale }) : t("vmPage.backups.sizeUnknown"),
      takenAt: format.dateTime(backup.createdAt, "minute"),
      storage: labels.get(backup.storageId) ?? t("vmPage.backups.withdrawnStorage"),
      protected: backup.protected,
      browsable: backup.fileRestore,
      error: backup.error,
    }));
}

export function scheduleView(schedule: BackupSchedule, { format }: Pick<Words, "format">): ScheduleView {
  const hours = Math.floor(schedule.minuteOfDay / 60);
  const minutes = schedule.minuteOfDay % 60;
  return {
    storageId: schedule.storageId,
    mode: schedule.mode,
    frequency: schedule.frequency,
    weekday: schedule.weekday ?? 0,
    time: `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`,
    keepLast: schedule.keepLast,
    keepDaily: schedule.keepDaily,
    keepWeekly: schedule.keepWeekly,
    nextRun: schedule.enabled ? format.dateTime(schedule.nextRunAt, "minute") : null,
  };
}

/** "2 more backups within 40 GiB" */
export const backupRoom = (remaining: Quota, { t }: Pick<Words, "t">): string =>
  t("vmPage.backups.room", { count: remaining.backups, size: formatGiB(remaining.backupGb) });
