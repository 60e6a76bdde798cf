import { describe, expect, it } from "vitest";
import { cohortInput } from "@/lib/cohorts/cohort-inputs";
import { isCalendarDay, startOfDayIn } from "@/lib/cohorts/zoned-day";

describe("the moment a day begins in a zone", () => {
  it.each([
    ["2026-12-18", "UTC", "2026-12-18T00:00:00.000Z"],
    ["2026-12-18", "Europe/Vienna", "2026-12-17T23:00:00.000Z"],
    ["2026-07-01", "Europe/Vienna", "2026-06-30T22:00:00.000Z"],
    // The days either side of Europe's spring and autumn changes of 2027.
    ["2027-03-28", "Europe/Paris", "2027-03-27T23:00:00.000Z"],
    ["2027-03-29", "Europe/Paris", "2027-03-28T22:00:00.000Z"],
    ["2027-10-31", "Europe/Paris", "2027-10-30T22:00:00.000Z"],
    ["2027-11-01", "Europe/Paris", "2027-10-31T23:00:00.000Z"],
    ["2026-12-18", "America/New_York", "2026-12-18T05:00:00.000Z"],
    ["2026-12-18", "Pacific/Kiritimati", "2026-12-17T10:00:00.000Z"],
    ["2026-12-18", "Asia/Kolkata", "2026-12-17T18:30:00.000Z"],
  ])("%s in %s begins at %s", (day, zone, instant) => {
    expect(startOfDayIn(day, zone).toISOString()).toBe(instant);
  });

  it("knows the days of the calendar", () => {
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2027-02-29")).toBe(false);
    expect(isCalendarDay("2027-13-01")).toBe(false);
  });
});

describe("a class's end of term", () => {
  const base = {
    name: "Networks",
    templateId: "7b0c3f7e-8a43-4d51-9a3e-2f0a4a6b1c11",
    cores: 1,
    memoryMb: 1024,
    diskGb: 8,
    roster: "username\nalice\n",
  };

  it("reads the form's day in the class's zone, and takes a moment as given", () => {
    expect(cohortInput.parse({ ...base, timeZone: "Europe/Vienna", endsAt: "2027-01-29" }).endsAt).toEqual(
      new Date("2027-01-28T23:00:00Z"),
    );
    expect(cohortInput.parse({ ...base, endsAt: "2027-01-29T12:00:00Z" }).endsAt).toEqual(
      new Date("2027-01-29T12:00:00Z"),
    );
  });

  it("refuses a day that is not on the calendar, or none, with a reason", () => {
    for (const endsAt of ["2027-02-30", "", "soon"]) {
      const result = cohortInput.safeParse({ ...base, endsAt });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["endsAt", "i18n:validation.cohorts.pickEndDate"],
      ]);
    }
  });
});
