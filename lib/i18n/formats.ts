import type { Formats } from "next-intl";

/**
 * Named formats every page and mail uses, so "a day" or "a moment" reads the same everywhere in a
 * language: `format.dateTime(date, "minute")`, `{expires, date, day}` in a message.
 */
export const formats = {
  dateTime: {
    day: { dateStyle: "medium" },
    longDay: { dateStyle: "full" },
    minute: { dateStyle: "medium", timeStyle: "short" },
    second: { dateStyle: "medium", timeStyle: "medium" },
    time: { timeStyle: "short" },
  },
  number: {
    percent: { style: "percent", maximumFractionDigits: 0 },
    gib: { style: "unit", unit: "gigabyte", maximumFractionDigits: 1 },
    mib: { style: "unit", unit: "megabyte", maximumFractionDigits: 0 },
  },
} satisfies Formats;
