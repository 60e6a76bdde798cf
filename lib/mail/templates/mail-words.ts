import type { Locale } from "@/lib/i18n/locales";
import type { MailLocale } from "@/lib/i18n/recipient-locale";
import { type Formatter, formatterFor, type Translator, translatorFor } from "@/lib/i18n/translator";

/**
 * What a template writes with: the reader's words and dates, as props. No hooks or context: mail renders
 * in jobs, outside any request.
 */
export interface MailWords {
  lang: Locale;
  t: Translator;
  format: Formatter;
}

export const mailWords = ({ locale, timeZone }: MailLocale): MailWords => ({
  lang: locale,
  t: translatorFor(locale, timeZone),
  format: formatterFor(locale, timeZone),
});
