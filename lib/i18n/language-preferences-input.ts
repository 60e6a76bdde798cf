import { z } from "zod";
import { isTimeZone, locales } from "./locales";
import { message } from "./message";

/** The profile's language and time zone; "" (the form's "automatic") and null both follow the browser. */
export const languagePreferencesInput = z.object({
  locale: z
    .union([z.enum(locales), z.literal("")])
    .nullable()
    .transform((value) => value || null),
  timeZone: z
    .string()
    .max(64)
    .nullable()
    .transform((value) => value || null)
    .refine((value) => value === null || isTimeZone(value), message("validation.profile.timeZone")),
});
