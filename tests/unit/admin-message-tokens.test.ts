import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { byAnyKey } from "@/lib/i18n/message";
import { translatorFor } from "@/lib/i18n/translator";

// Keys that travel as tokens from admin actions and forms; the catalog check cannot see them.
const tokens = [
  "adminWebhooks.errors.pickEndpoint",
  "adminIpPools.errors.pickPool",
  "adminJobs.errors.pickJob",
  "adminJobs.errors.gone",
  "adminJobs.errors.onlyFailed",
  "adminJobs.errors.onlyQueued",
  "adminBackups.lifecycle.errors.number",
  "adminBackups.lifecycle.errors.whole",
  "adminBackups.lifecycle.errors.min",
  "adminBackups.lifecycle.errors.max",
];

describe("admin message tokens", () => {
  it.each(locales)("exist in the %s catalog", (locale) => {
    const t = byAnyKey(translatorFor(locale));
    for (const key of tokens) expect(t.has(key), key).toBe(true);
  });

  it("name a job's state in the reader's language", () => {
    const values = { state: "succeeded" };
    expect(translatorFor("de")("adminJobs.errors.onlyFailed", values)).toContain("erfolgreich");
    expect(translatorFor("en")("adminJobs.errors.onlyQueued", values)).toBe(
      "Only queued jobs can be changed this way; this one is succeeded.",
    );
  });
});
