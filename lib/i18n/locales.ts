/** The languages Roost speaks. Adding one is adding its catalog in `messages/` and its code here. */
export const locales = ["en", "fr", "de"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Each language by its own name, as a language menu shows it to someone who cannot read the others. */
export const localeNames: Record<Locale, string> = { en: "English", fr: "Français", de: "Deutsch" };

/** Languages written right to left; none yet, but `dir` on the page follows this list. */
const rightToLeft = new Set<string>(["ar", "fa", "he", "ur"]);

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (locales as readonly string[]).includes(value);

export const directionOf = (locale: string): "ltr" | "rtl" =>
  rightToLeft.has(locale.split("-")[0]!) ? "rtl" : "ltr";

/** A time zone this runtime knows (IANA name), so formatting with it cannot throw. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
