import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { quotaSchema } from "@/lib/quotas/quota";
import { idleStopPolicySchema } from "@/lib/schedules/idle-policy-input";
import { displayText } from "@/lib/text/display-text";

export const projectRoles = ["owner", "operator", "viewer"] as const;
export const projectRoleSchema = z.enum(projectRoles, {
  error: message("validation.projects.pickOwnerOperator"),
});

const leaseDays = z
  .number({ error: message("validation.projects.enterNumberDays") })
  .int(message("validation.projects.useWholeDays"))
  .min(1, message("validation.projects.leaseLastsLeast"))
  .max(3650, message("validation.projects.mostDays"))
  .nullable();

/** A project as an admin saves it; lease lengths left empty follow the portal's policy. */
export const projectInput = z
  .object({
    name: displayText(
      z
        .string()
        .trim()
        .min(2, message("validation.projects.nameProjectCharacters"))
        .max(80, message("validation.projects.keepNameUnder")),
    ),
    description: displayText(
      z.string().trim().max(500, message("validation.projects.keepDescriptionUnder")),
    ).default(""),
    // The form's empty group is "not bound to a group".
    idpGroup: z
      .string()
      .trim()
      .max(200, message("validation.projects.groupNameToo"))
      .nullable()
      .optional()
      .transform((group) => group || null),
    groupRole: projectRoleSchema.default("operator"),
    quota: quotaSchema,
    leaseLengthDays: leaseDays.default(null),
    leaseMaxDays: leaseDays.default(null),
    /** The project's own idle stop; null follows the portal's. */
    idleStop: idleStopPolicySchema.nullable().default(null),
  })
  .refine(
    (project) =>
      project.leaseLengthDays === null ||
      project.leaseMaxDays === null ||
      project.leaseLengthDays <= project.leaseMaxDays,
    { message: message("validation.projects.leaseLengthCannot"), path: ["leaseMaxDays"] },
  );

export type ProjectInput = z.input<typeof projectInput>;
export type ProjectValues = z.output<typeof projectInput>;

/** Someone to add to a project: by username or e-mail, as people know each other. */
export const memberInput = z.object({
  person: z
    .string()
    .trim()
    .min(1, message("validation.projects.enterUsernameE"))
    .max(320, message("validation.projects.personTooLong")),
  role: projectRoleSchema,
});

export const memberRoleInput = z.object({ role: projectRoleSchema });
