import { defaultLocale } from "@/lib/i18n/locales";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";
import { type Translator, translatorFor } from "@/lib/i18n/translator";

/** The IdP's pages in the browser's language (its Accept-Language), English when Roost speaks none of them. */
export function idpWords(acceptLanguage: string | string[] | undefined): { lang: string; t: Translator } {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage;
  const lang = negotiateLocale(header) ?? defaultLocale;
  return { lang, t: translatorFor(lang) };
}
