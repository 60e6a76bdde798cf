import { createFormatter, createTranslator } from "next-intl";
import { messagesFor } from "./catalogs";
import { formats } from "./formats";
import type { Locale } from "./locales";
import { byAnyKey, type TranslateFn } from "./message";

/**
 * Words and formats outside a request's pages (mail, jobs that write to people), in the reader's language
 * and time zone: the same catalogs and named formats as pages. Plain functions, no React context, so a
 * mail renders the same in a job, a route handler or a test.
 */
export function translatorFor(locale: Locale, timeZone = "UTC") {
  return createTranslator({ locale, messages: messagesFor(locale), formats, timeZone });
}

export function formatterFor(locale: Locale, timeZone = "UTC") {
  return createFormatter({ locale, timeZone, formats });
}

export type Translator = ReturnType<typeof translatorFor>;
export type Formatter = ReturnType<typeof formatterFor>;

let english: TranslateFn | undefined;

/** English, as logs, the API's problem details and tests read domain errors. */
export function englishTranslator(): TranslateFn {
  english ??= byAnyKey(translatorFor("en"));
  return english;
}
