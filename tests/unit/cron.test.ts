import { describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "@/lib/jobs/cron";

const next = (expression: string, after: string) => nextCronTime(expression, new Date(after)).toISOString();

describe("cron schedules", () => {
  it("an hourly job runs at the top of the next hour, never at the instant it was asked", () => {
    expect(next("TZ=UTC 0 * * * *", "2025-06-10T10:15:00Z")).toBe("2025-06-10T11:00:00.000Z");
    expect(next("TZ=UTC 0 * * * *", "2025-06-10T11:00:00Z")).toBe("2025-06-10T12:00:00.000Z");
    expect(next("TZ=UTC 0 * * * *", "2025-12-31T23:30:00Z")).toBe("2026-01-01T00:00:00.000Z");
  });

  it("reads steps, ranges and lists", () => {
    expect(next("*/15 * * * *", "2025-06-10T10:07:00Z")).toBe("2025-06-10T10:15:00.000Z");
    expect(next("5-20/5 * * * *", "2025-06-10T10:21:00Z")).toBe("2025-06-10T11:05:00.000Z");
    expect(next("0 8,17 * * *", "2025-06-10T09:00:00Z")).toBe("2025-06-10T17:00:00.000Z");
  });

  it("skips to the next weekday for a weekday schedule, with 0 and 7 both Sunday", () => {
    // 2025-06-13 is a Friday.
    expect(next("30 2 * * 1-5", "2025-06-13T03:00:00Z")).toBe("2025-06-16T02:30:00.000Z");
    expect(next("0 12 * * 7", "2025-06-13T03:00:00Z")).toBe("2025-06-15T12:00:00.000Z");
    expect(next("0 12 * * SUN", "2025-06-13T03:00:00Z")).toBe("2025-06-15T12:00:00.000Z");
  });

  it("names months, and finds 29 February years ahead", () => {
    expect(next("0 9 1 JAN,JUL *", "2025-02-01T00:00:00Z")).toBe("2025-07-01T09:00:00.000Z");
    expect(next("0 0 29 2 *", "2025-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
  });

  it("runs on either day when both the date and the weekday are given, as cron does", () => {
    // The 13th, or any Friday: from Monday 2025-06-09 the Friday the 13th comes first; then Friday the 20th.
    expect(next("0 0 13 * 5", "2025-06-09T00:00:00Z")).toBe("2025-06-13T00:00:00.000Z");
    expect(next("0 0 13 * 5", "2025-06-13T00:00:00Z")).toBe("2025-06-20T00:00:00.000Z");
    expect(next("0 0 13 * 5", "2025-07-05T00:00:00Z")).toBe("2025-07-11T00:00:00.000Z");
  });

  it("follows the wall clock of the time zone it names, daylight saving included", () => {
    expect(next("TZ=Europe/Berlin 0 9 * * *", "2025-01-10T12:00:00Z")).toBe("2025-01-11T08:00:00.000Z");
    expect(next("TZ=Europe/Berlin 0 9 * * *", "2025-07-10T12:00:00Z")).toBe("2025-07-11T07:00:00.000Z");
    // Berlin springs forward on Sunday 30 March 2025; Monday midnight must not be skipped.
    expect(next("TZ=Europe/Berlin 0 0 * * 1", "2025-03-29T12:00:00Z")).toBe("2025-03-30T22:00:00.000Z");
    expect(next("TZ=America/New_York 0 0 * * *", "2025-11-02T01:00:00Z")).toBe("2025-11-02T04:00:00.000Z");
  });

  it("explains what is wrong with a bad expression", () => {
    expect(() => parseCron("0 * * *")).toThrow(/expected 5 fields .* found 4/);
    expect(() => parseCron("60 * * * *")).toThrow(/minute 60 is outside 0-59/);
    expect(() => parseCron("0 * * 13 *")).toThrow(/month 13 is outside 1-12/);
    expect(() => parseCron("0 20-10 * * *")).toThrow(/hour range "20-10" runs backwards/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/must be 1 or more/);
    expect(() => parseCron("TZ=Mars/Olympus 0 * * * *")).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => parseCron("0 0 * * FUNDAY")).toThrow(/"FUNDAY" is not a valid day of week/);
    expect(() => nextCronTime("0 0 31 2 *", new Date("2025-01-01T00:00:00Z"))).toThrow(/never names a date/);
  });
});
