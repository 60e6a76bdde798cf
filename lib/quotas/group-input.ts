import { z } from "zod";
import { displayText } from "@/lib/text/display-text";
import { quotaSchema } from "./quota";

/** A group as the admin saves it: the name the identity provider sends, the role it grants, its quota. */
export const groupInput = z.object({
  name: displayText(
    z
      .string()
      .trim()
      .min(1, "Enter the group's name exactly as the identity provider sends it.")
      .max(200, "That group name is too long."),
  ),
  description: displayText(
    z.string().trim().max(200, "Keep the description under 200 characters."),
  ).optional(),
  // The form's "None" is the empty choice: a group that only sets a quota.
  role: z
    .enum(["member", "auditor", "admin", ""])
    .nullable()
    .optional()
    .transform((role) => role || null),
  quota: quotaSchema,
});
