import { z } from "zod";
import type { ScheduleSlot } from "@/db/schema";
import { message } from "@/lib/i18n/message";

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = z.string().regex(clockPattern, message("validation.schedules.timesAreWritten"));

/** An IANA zone this runtime knows, such as "Europe/Berlin"; abbreviations like "CET" are ambiguous. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, message("validation.schedules.chooseTimeZone"))
  .refine((zone) => {
    if (!zone.includes("/") && zone !== "UTC") return false;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Use a time zone name such as "Europe/Berlin" or "UTC".');

export const scheduleSlotSchema = z
  .object({
    days: z
      .array(
        z
          .number()
          .int()
          .min(1, message("validation.schedules.daysRunFrom"))
          .max(7, message("validation.schedules.daysRunFrom")),
      )
      .min(1, message("validation.schedules.classTimeLeast"))
      .refine((days) => new Set(days).size === days.length, message("validation.schedules.nameEachDay")),
    start: clockTime,
    end: clockTime,
  })
  // Compared only once both are times: a malformed one already says what is wrong.
  .refine((slot) => !clockPattern.test(slot.start) || !clockPattern.test(slot.end) || slot.end > slot.start, {
    // Classes past midnight are two slots: one to 23:59, one from 00:00 the next day.
    message: message("validation.schedules.classEndsAfter"),
    path: ["end"],
  });

export const powerScheduleInputSchema = z.object({
  timeZone: timeZoneSchema,
  slots: z
    .array(scheduleSlotSchema)
    .min(1, message("validation.schedules.addLeastOne"))
    .max(28, message("validation.schedules.mostClassTimes")),
  allowOutside: z.boolean(),
});

export type PowerScheduleInput = z.infer<typeof powerScheduleInputSchema>;

/**
 * A project's or VM's power times as their page's form holds them: no times at all removes the schedule,
 * as on a class's page.
 */
export const powerTimesFormSchema = z.object({
  timeZone: timeZoneSchema,
  schedule: z.object({
    slots: z.array(scheduleSlotSchema).max(28, message("validation.schedules.mostClassTimes")),
    allowOutside: z.boolean(),
  }),
});

export type PowerTimesFormInput = z.input<typeof powerTimesFormSchema>;

/** What a schedule says, as the schedule's edges need it. */
export interface ClassTimes {
  timeZone: string;
  slots: ScheduleSlot[];
}
