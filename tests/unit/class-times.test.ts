import { describe, expect, it } from "vitest";
import { renderMessage } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";
import { inClass, nextClassStart, scheduleEdges } from "@/lib/schedules/class-times";
import { powerScheduleInputSchema } from "@/lib/schedules/schedule-input";

// Schemas carry catalog tokens; people read them rendered.
const english = (text: string) => renderMessage(text, englishTranslator());

const berlin = {
  timeZone: "Europe/Berlin",
  slots: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "12:00" }],
};
const iso = (edges: { at: Date; action: string }[]) =>
  edges.map((edge) => `${edge.action} ${edge.at.toISOString()}`);

describe("class times in the schedule's zone", () => {
  it("keep 09:00 local across the spring change: 08:00 UTC before it, 07:00 UTC after", () => {
    const edges = scheduleEdges(berlin, new Date("2026-03-27T00:00:00Z"), new Date("2026-03-31T00:00:00Z"));
    expect(iso(edges)).toEqual([
      "start 2026-03-27T08:00:00.000Z",
      "stop 2026-03-27T11:00:00.000Z",
      "start 2026-03-30T07:00:00.000Z",
      "stop 2026-03-30T10:00:00.000Z",
    ]);
  });

  it("keep 09:00 local across the autumn change: 07:00 UTC before it, 08:00 UTC after", () => {
    const edges = scheduleEdges(berlin, new Date("2026-10-23T00:00:00Z"), new Date("2026-10-27T00:00:00Z"));
    expect(iso(edges)).toEqual([
      "start 2026-10-23T07:00:00.000Z",
      "stop 2026-10-23T10:00:00.000Z",
      "start 2026-10-26T08:00:00.000Z",
      "stop 2026-10-26T11:00:00.000Z",
    ]);
  });

  it("start a class in the hour the spring change skips when the clock resumes, and one in the repeated autumn hour once", () => {
    const night = { timeZone: "Europe/Berlin", slots: [{ days: [7], start: "02:30", end: "04:00" }] };
    expect(
      iso(scheduleEdges(night, new Date("2026-03-28T00:00:00Z"), new Date("2026-03-30T00:00:00Z"))),
    ).toEqual([
      // 02:30 does not exist that night: class begins at 03:00 CEST, when the clock resumes.
      "start 2026-03-29T01:00:00.000Z",
      "stop 2026-03-29T02:00:00.000Z",
    ]);
    expect(
      iso(scheduleEdges(night, new Date("2026-10-24T00:00:00Z"), new Date("2026-10-26T00:00:00Z"))),
    ).toEqual(["start 2026-10-25T00:30:00.000Z", "stop 2026-10-25T03:00:00.000Z"]);
  });

  it("tell whether a moment is in class, and when the next class begins", () => {
    expect(inClass(berlin, new Date("2026-03-30T07:30:00Z"))).toBe(true);
    // 08:30 UTC on the Friday before the change is 09:30 CET: in class; after it, 10:30 CEST is too.
    expect(inClass(berlin, new Date("2026-03-27T08:30:00Z"))).toBe(true);
    expect(inClass(berlin, new Date("2026-03-30T06:30:00Z"))).toBe(false);
    expect(inClass(berlin, new Date("2026-03-28T09:00:00Z"))).toBe(false);
    expect(nextClassStart(berlin, new Date("2026-03-28T09:00:00Z"))?.toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
  });

  it("keep VMs on where one class ends as the next begins", () => {
    const backToBack = {
      timeZone: "UTC",
      slots: [
        { days: [1], start: "09:00", end: "10:00" },
        { days: [1], start: "10:00", end: "11:00" },
      ],
    };
    const edges = scheduleEdges(
      backToBack,
      new Date("2026-03-30T09:30:00Z"),
      new Date("2026-03-30T10:00:00Z"),
    );
    expect(iso(edges)).toEqual(["stop 2026-03-30T10:00:00.000Z", "start 2026-03-30T10:00:00.000Z"]);
    expect(inClass(backToBack, new Date("2026-03-30T10:00:00Z"))).toBe(true);
  });

  it("refuse schedules that cannot be read, saying why", () => {
    const problems = (input: unknown) => {
      const parsed = powerScheduleInputSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((issue) => english(issue.message));
    };
    expect(
      problems({ timeZone: "CET", slots: [{ days: [1], start: "09:00", end: "10:00" }], allowOutside: true }),
    ).toEqual(['Use a time zone name such as "Europe/Berlin" or "UTC".']);
    expect(
      problems({ timeZone: "UTC", slots: [{ days: [8], start: "9:00", end: "09:30" }], allowOutside: true }),
    ).toEqual(["Days run from 1 (Monday) to 7 (Sunday).", 'Times are written "HH:MM", from 00:00 to 23:59.']);
    expect(
      problems({ timeZone: "UTC", slots: [{ days: [1], start: "10:00", end: "09:00" }], allowOutside: true }),
    ).toEqual(["A class ends after it starts, on the same day."]);
    expect(problems({ timeZone: "UTC", slots: [], allowOutside: true })).toEqual([
      "Add at least one class time.",
    ]);
  });
});
