import { z } from "zod";

/**
 * A VM's name becomes its hostname, so it must be a DNS label: lowercase letters, digits and hyphens,
 * starting with a letter, not ending with a hyphen, at most 63 characters.
 */
export const vmNameSchema = z
  .string()
  .trim()
  .min(1, "Give the VM a name.")
  .max(63, "Keep the name to 63 characters or fewer.")
  .transform((name) => name.toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z]/, "Start the name with a letter.")
      .regex(/^[a-z0-9-]+$/, "Use only letters, digits and hyphens (it becomes the VM's hostname).")
      .regex(/[a-z0-9]$/, "End the name with a letter or a digit."),
  );
