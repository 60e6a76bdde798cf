import { z } from "zod";
import { idleStopPolicySchema } from "@/lib/schedules/idle-policy-input";
import { classScheduleInput } from "./class-times";

/** What the class's page changes after the class is made: its class times and its idle stop. */
export const classSettingsInput = z.object({
  schedule: classScheduleInput,
  idleStop: idleStopPolicySchema.nullable(),
});

export type ClassSettingsInput = z.input<typeof classSettingsInput>;
