import { describe, expect, it } from "vitest";
import { directionOf, isTimeZone } from "@/lib/i18n/locales";
import { negotiateLocale } from "@/lib/i18n/negotiate-locale";

describe("the browser's language", () => {
  it("is the first Roost speaks, by quality, matched on the language alone", () => {
    expect(negotiateLocale("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toBe("fr");
    expect(negotiateLocale("de-AT,de;q=0.9")).toBe("de");
    expect(negotiateLocale("en;q=0.5, de;q=0.9")).toBe("de");
    expect(negotiateLocale("es-ES, it;q=0.8, de;q=0.2")).toBe("de");
  });

  it("is none for languages Roost does not speak, a zero quality or no header", () => {
    expect(negotiateLocale("es-ES, it;q=0.8")).toBeNull();
    expect(negotiateLocale("fr;q=0, es")).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale(";;;,q=,")).toBeNull();
  });
});

describe("a time zone", () => {
  it("is one the runtime knows", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });
});

describe("the writing direction", () => {
  it("is left to right for Roost's languages and right to left for Arabic or Hebrew", () => {
    expect(["en", "fr", "de"].map(directionOf)).toEqual(["ltr", "ltr", "ltr"]);
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("he-IL")).toBe("rtl");
  });
});
