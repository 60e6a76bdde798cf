import { z } from "zod";
import type { IdleStopPolicy } from "@/db/schema";
import { message } from "@/lib/i18n/message";

/** An idle-stop policy as the portal's setting, a project and a cohort hold it. */
export const idleStopPolicySchema = z.object({
  enabled: z.boolean(),
  minutes: z
    .number()
    .int()
    .min(5, message("validation.schedules.waitLeastMinutes"))
    .max(1440, message("validation.schedules.waitMostDay")),
  cpuPercent: z
    .number(message("validation.schedules.cpuBetween"))
    .min(0.1, message("validation.schedules.cpuBetween"))
    .max(100, message("validation.schedules.cpuBetween")),
  networkKibps: z
    .number(message("validation.schedules.networkBetween"))
    .min(0, message("validation.schedules.networkBetween"))
    .max(1_000_000, message("validation.schedules.networkBetween")),
}) satisfies z.ZodType<IdleStopPolicy>;

export const defaultIdleStop: IdleStopPolicy = {
  enabled: false,
  minutes: 30,
  cpuPercent: 5,
  networkKibps: 10,
};
