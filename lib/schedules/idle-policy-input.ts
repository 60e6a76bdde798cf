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
  cpuPercent: z.number().min(0.1).max(100),
  networkKibps: z.number().min(0).max(1_000_000),
}) satisfies z.ZodType<IdleStopPolicy>;

export const defaultIdleStop: IdleStopPolicy = {
  enabled: false,
  minutes: 30,
  cpuPercent: 5,
  networkKibps: 10,
};
