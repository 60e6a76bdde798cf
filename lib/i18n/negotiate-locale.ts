import { type Locale, locales } from "./locales";

/**
 * The first of the browser's languages (RFC 9110 `Accept-Language`, by quality) that Roost speaks, matched
 * on the language alone: "fr-CH" is French. Null when none is.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: range.trim().toLowerCase().split("-")[0]!, quality, index };
    })
    .filter(({ language, quality }) => language && Number.isFinite(quality) && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { language } of ranked) {
    const found = locales.find((locale) => locale === language);
    if (found) return found;
  }
  return null;
}
