/**
 * How the portal writes dates, sizes, rates and durations for people. Data that machines read (audit
 * detail, CSV, idempotency keys) keeps ISO strings instead.
 *
 * Dates default to UTC in an ISO-like shape ("2026-12-01 15:20") that sorts and reads the same
 * everywhere; pass `timeZone` to show another zone in that shape, or `locale` for that locale's own form.
 */

export interface DateOptions {
  timeZone?: string;
  locale?: string;
}

type Instant = Date | number;

const precisions = {
  day: {},
  minute: { hour: "2-digit", minute: "2-digit" },
  second: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

type Precision = keyof typeof precisions;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat is slow enough to show in a table of hundreds of rows.
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

function formatDate(
  instant: Instant,
  precision: Precision,
  { timeZone = "UTC", locale }: DateOptions,
): string {
  const date = typeof instant === "number" ? new Date(instant) : instant;
  if (locale) {
    const timeStyle = precision === "day" ? undefined : precision === "minute" ? "short" : "medium";
    return formatter(locale, { timeZone, dateStyle: "medium", timeStyle }).format(date);
  }
  const parts = formatter("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hourCycle: "h23",
    ...precisions[precision],
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? "";
  const day = `${part("year")}-${part("month")}-${part("day")}`;
  if (precision === "day") return day;
  const time = `${part("hour")}:${part("minute")}`;
  return precision === "minute" ? `${day} ${time}` : `${day} ${time}:${part("second")}`;
}

/** "2026-12-01" */
export const formatDay = (instant: Instant, options: DateOptions = {}) => formatDate(instant, "day", options);

/** "2026-12-01 15:20" */
export const formatMinute = (instant: Instant, options: DateOptions = {}) =>
  formatDate(instant, "minute", options);

/** "2026-12-01 15:20:07" */
export const formatSecond = (instant: Instant, options: DateOptions = {}) =>
  formatDate(instant, "second", options);

/** "1 December 2026", for sentences such as a mail's. */
export function formatLongDay(
  instant: Instant,
  { timeZone = "UTC", locale = "en-GB" }: DateOptions = {},
): string {
  const date = typeof instant === "number" ? new Date(instant) : instant;
  return formatter(locale, { timeZone, day: "numeric", month: "long", year: "numeric" }).format(date);
}

/** The short time of day on a chart's axis: "15:20". */
export function formatClock(
  instant: Instant,
  { timeZone = "UTC", locale = "en-GB" }: DateOptions = {},
): string {
  return formatter(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    instant,
  );
}

/** The day and time on a chart's axis over a week: "1 Dec 15:20". */
export function formatDayClock(
  instant: Instant,
  { timeZone = "UTC", locale = "en-GB" }: DateOptions = {},
): string {
  return formatter(locale, {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

const number = (value: number, maximumFractionDigits: number, locale = "en-US") =>
  new Intl.NumberFormat(locale, { maximumFractionDigits, useGrouping: false }).format(value);

const byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** Bytes in binary units, scaled to the largest that keeps the number at least 1: "1.5 MiB". */
export function formatBytes(bytes: number, { locale }: { locale?: string } = {}): string {
  let unit = 0;
  let value = Math.abs(bytes);
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${number(Math.sign(bytes) * value, digits, locale)} ${byteUnits[unit]}`;
}

/** A transfer rate: "1.5 MiB/s". */
export const formatRate = (bytesPerSecond: number, options: { locale?: string } = {}) =>
  `${formatBytes(bytesPerSecond, options)}/s`;

/** Memory kept in MiB, shown in GiB: 1536 → "1.5 GiB". */
export const formatMemory = (mib: number) => `${number(mib / 1024, 2)} GiB`;

/** A size kept in whole GiB (disks, storage): "20 GiB". */
export const formatGiB = (gib: number) => `${number(gib, 2)} GiB`;

/** A share from 0 to 1 as a percentage: 0.423 → "42%". */
export const formatPercent = (share: number, { locale = "en-US" }: { locale?: string } = {}) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);

const durationUnits = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
] as const;

/** A duration in its largest unit and the next one: "2 days 3 hr", "5 min 7 sec", "0 sec". */
export function formatDuration(ms: number, { locale = "en-US" }: { locale?: string } = {}): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const counts = durationUnits.map(([unit, size], index) => {
    const above = durationUnits[index - 1]?.[1] ?? Number.POSITIVE_INFINITY;
    return [unit, Math.floor(((seconds * 1000) % above) / size)] as const;
  });
  const first = counts.findIndex(([, count]) => count > 0);
  const shown =
    first === -1 ? counts.slice(-1) : counts.slice(first, first + 2).filter(([, count]) => count > 0);
  return shown
    .map(([unit, count]) =>
      new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(count),
    )
    .join(" ");
}
