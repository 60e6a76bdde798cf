import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { idleStopPolicySchema } from "@/lib/schedules/idle-policy-input";
import { isCalendarDay, startOfDayIn } from "./zoned-day";

/** A VM-name-safe part from any text: lower-case letters, digits and single hyphens. */
export function dnsPart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The name of a student's VM, `<slug>-<username>`, cut to a DNS label's 63 characters. */
export function seatVmName(slug: string, username: string): string {
  return `${slug}-${dnsPart(username)}`.slice(0, 63).replace(/-+$/, "");
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What a teacher gives to make a class; the roster is a group or a CSV, never both. */
export const cohortInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, message("validation.cohorts.giveClassName"))
      .max(80, message("validation.cohorts.keepNameCharacters")),
    /** Names the VMs; made from the name when left out. */
    slug: z
      .string()
      .trim()
      .regex(
        /^[a-z][a-z0-9-]{0,22}[a-z0-9]$/,
        "Use 2 to 24 lower-case letters, digits and hyphens, starting with a letter.",
      )
      .optional(),
    templateId: z.uuid(message("validation.cohorts.chooseTemplate")),
    cores: z.number().int().min(1),
    memoryMb: z.number().int().min(128),
    diskGb: z.number().int().min(1),
    projectId: z.uuid().optional(),
    ownership: z.enum(["student", "project"]).default("student"),
    rosterGroup: z.string().trim().min(1).max(200).optional(),
    /** The CSV's text: one username or e-mail per line. */
    roster: z.string().max(100_000, message("validation.cohorts.rosterFileToo")).optional(),
    timeZone: z.string().refine(validZone, message("validation.cohorts.notTimeZone")).default("UTC"),
    /** A day (`YYYY-MM-DD`, the form's): the term ends as that day begins in `timeZone`. Or a moment. */
    endsAt: z.union(
      [
        z.string().refine(isCalendarDay, message("validation.cohorts.pickEndDate")),
        z.iso.datetime({ offset: true }).transform((moment) => new Date(moment)),
        z.date(),
      ],
      { error: message("validation.cohorts.pickEndDate") },
    ),
    idleStop: idleStopPolicySchema.nullable().optional(),
  })
  .superRefine((input, context) => {
    if (!input.rosterGroup === !input.roster)
      context.addIssue({
        code: "custom",
        path: ["roster"],
        message: message("validation.cohorts.giveRosterAs"),
      });
    if (input.ownership === "project" && !input.projectId)
      context.addIssue({
        code: "custom",
        path: ["projectId"],
        message: message("validation.cohorts.vmsOwnedBy"),
      });
    if (input.ownership === "student" && input.projectId)
      context.addIssue({
        code: "custom",
        path: ["ownership"],
        message: message("validation.cohorts.classCountingProject"),
      });
  })
  .transform(({ endsAt, ...input }) => ({
    ...input,
    endsAt: typeof endsAt === "string" ? startOfDayIn(endsAt, input.timeZone) : endsAt,
  }));

export type CohortInput = z.input<typeof cohortInput>;

/** The slug the VMs of a class named so get: its first letters, safe for a hostname. */
export function slugFromName(name: string): string {
  const part = dnsPart(name).slice(0, 24).replace(/-+$/, "");
  return /^[a-z]/.test(part) ? part : `c-${part}`.slice(0, 24).replace(/-+$/, "");
}
