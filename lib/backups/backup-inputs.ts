import { z } from "zod";
import { backupCompressions, backupModes } from "@/db/schema/backups";
import { message } from "@/lib/i18n/message";
import { displayText } from "@/lib/text/display-text";

const id = (message: string) => z.uuid(message);

export const backupModeSchema = z.enum(backupModes, "Pick snapshot, suspend or stop.");

export const backupNowSchema = z.object({
  vmId: id("Pick a VM."),
  storageId: id("Pick where the backup goes."),
  mode: backupModeSchema.optional(),
  note: displayText(z.string().trim().max(200, message("validation.backups.keepNoteUnder"))).default(""),
});
export type BackupNowInput = z.infer<typeof backupNowSchema>;

export const backupRefSchema = z.object({ backupId: id("Pick a backup.") });

export const restoreAsNewSchema = z.object({
  backupId: id("Pick a backup."),
  name: z
    .string()
    .trim()
    .min(1, message("validation.backups.giveNewVm"))
    .max(63, message("validation.backups.vmNameHas"))
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i,
      "Use letters, digits and hyphens, starting and ending with a letter or digit.",
    ),
});

export const restoreInPlaceSchema = z.object({
  backupId: id("Pick a backup."),
  /** The VM's name, typed by the owner: the restore replaces its disks. */
  confirmName: z.string().trim().min(1, message("validation.backups.typeVmName")),
});

export const backupNoteSchema = z.object({
  backupId: id("Pick a backup."),
  note: displayText(z.string().trim().max(200, message("validation.backups.keepNoteUnder"))),
});

const keep = (what: string) =>
  z
    .number({ error: `Enter how many ${what} backups to keep.` })
    .int(message("validation.backups.useWholeNumber"))
    .min(0, message("validation.backups.useMore"))
    .max(100, message("validation.backups.keepMost"));

export const backupScheduleSchema = z
  .object({
    vmId: id("Pick a VM."),
    storageId: id("Pick where the backups go."),
    mode: backupModeSchema.default("snapshot"),
    frequency: z.enum(["daily", "weekly"], "Pick daily or weekly."),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: z
      .number()
      .int()
      .min(0, message("validation.backups.pickDayWeek"))
      .max(6, message("validation.backups.pickDayWeek"))
      .nullish(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message("validation.backups.giveTimeAs")),
    keepLast: keep("recent"),
    keepDaily: keep("daily"),
    keepWeekly: keep("weekly"),
    enabled: z.boolean().default(true),
  })
  .refine((schedule) => schedule.frequency === "daily" || typeof schedule.weekday === "number", {
    message: message("validation.backups.pickWeekday"),
    path: ["weekday"],
  })
  .refine((schedule) => schedule.keepLast + schedule.keepDaily + schedule.keepWeekly > 0, {
    message: message("validation.backups.keepLeastOne"),
    path: ["keepLast"],
  });
export type BackupScheduleInput = z.infer<typeof backupScheduleSchema>;

export const backupStorageSchema = z.object({
  clusterId: z.string().min(1, message("validation.backups.pickCluster")),
  storage: z.string().regex(/^[a-zA-Z][\w.-]*$/, message("validation.backups.pickStorage")),
  label: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.backups.giveLabel"))
      .max(60, message("validation.backups.keepLabelUnder")),
  ),
  modes: z.array(backupModeSchema).min(1, message("validation.backups.allowLeastOne")),
  compress: z.enum(backupCompressions, "Pick a compression."),
  enabled: z.boolean().default(true),
});
export type BackupStorageInput = z.infer<typeof backupStorageSchema>;

export const fileRestorePathSchema = z.object({
  backupId: id("Pick a backup."),
  path: z
    .string()
    .min(1)
    .max(4096, message("validation.backups.pathTooLong"))
    .refine((path) => path.startsWith("/"), message("validation.backups.pathInsideBackup"))
    .default("/"),
});
