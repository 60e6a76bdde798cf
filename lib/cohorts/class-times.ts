import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { cohortInput } from "./cohort-inputs";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, message("validation.cohorts.useTimeSuch"));

/** One weekly class time: the days it falls on (1 = Monday) and when it starts and ends, in the class's zone. */
export const classTimeInput = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1, message("validation.cohorts.pickLeastOne")),
    start: clock,
    end: clock,
  })
  .refine((slot) => slot.start < slot.end, {
    message: message("validation.cohorts.classEndsAfter"),
    path: ["end"],
  });

/** The class's power schedule: its VMs start at each class time and stop at its end. */
export const classScheduleInput = z.object({
  slots: z.array(classTimeInput).max(21, message("validation.cohorts.mostClassTimes")),
  /** Whether students may start a stopped VM outside class. */
  allowOutside: z.boolean(),
});

export type ClassScheduleInput = z.input<typeof classScheduleInput>;

/** A new class, and its class times if the teacher gave any. */
export const newCohortInput = z.intersection(
  cohortInput,
  z.object({ schedule: classScheduleInput.nullable().optional() }),
);

export type NewCohortInput = z.input<typeof newCohortInput>;
