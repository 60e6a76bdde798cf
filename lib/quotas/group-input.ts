import { z } from "zod";
import { message } from "@/lib/i18n/message";
import { displayText } from "@/lib/text/display-text";
import { quotaSchema } from "./quota";

/** A group as the admin saves it: the name the identity provider sends, the role it grants, its quota. */
export const groupInput = z.object({
  name: displayText(
    z
      .string()
      .trim()
      .min(1, message("validation.quota.enterGroupName"))
      .max(200, message("validation.quota.groupNameToo")),
  ),
  description: displayText(
    z.string().trim().max(200, message("validation.quota.keepDescriptionUnder")),
  ).optional(),
  // The form's "None" is the empty choice: a group that only sets a quota.
  role: z
    .enum(["member", "auditor", "admin", ""])
    .nullable()
    .optional()
    .transform((role) => role || null),
  quota: quotaSchema,
});
