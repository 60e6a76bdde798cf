import { z } from "zod";
import { message } from "@/lib/i18n/message";

/**
 * A VM's name becomes its hostname, so it must be a DNS label: lowercase letters, digits and hyphens,
 * starting with a letter, not ending with a hyphen, at most 63 characters.
 */
export const vmNameSchema = z
  .string()
  .trim()
  .min(1, message("validation.vm.giveVmName"))
  .max(63, message("validation.vm.keepNameCharacters"))
  .transform((name) => name.toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z]/, message("validation.vm.startNameWith"))
      .regex(/^[a-z0-9-]+$/, message("validation.vm.useOnlyLetters"))
      .regex(/[a-z0-9]$/, message("validation.vm.endNameWith")),
  );
