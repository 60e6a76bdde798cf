import type { z } from "zod";
import { de, en, fr } from "zod/locales";
import type { Locale } from "./locales";

const maps = { en: en(), fr: fr(), de: de() } satisfies Record<Locale, { localeError: z.core.$ZodErrorMap }>;

/**
 * Parse options that give zod's own messages ("too small", "invalid e-mail") in the reader's language;
 * a schema's own messages are catalog tokens (`lib/i18n/message.ts`) and stay as they are.
 */
export const zodParseOptions = (locale: Locale): z.core.ParseContext<z.core.$ZodIssue> => ({
  error: maps[locale].localeError,
});
