/**
 * Five-field cron expressions as Inngest reads them ("TZ=Europe/Berlin 30 2 * * 1-5"): minute, hour,
 * day of month, month, day of week, with an optional TZ= prefix (UTC when absent).
 */
export interface CronSchedule {
  source: string;
  timeZone: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Vixie cron: when both day fields are restricted, a day matching either one matches. */
  dayMatchesEither: boolean;
}

export class CronError extends Error {
  constructor(expression: string, problem: string) {
    super(`Invalid cron expression "${expression}": ${problem}`);
    this.name = "CronError";
  }
}

const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const fields = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: monthNames, nameBase: 1 },
  { name: "day of week", min: 0, max: 7, names: dayNames, nameBase: 0 },
] as const;

type Field = (typeof fields)[number];

function parseValue(text: string, field: Field, fail: (problem: string) => never): number {
  const upper = text.toUpperCase();
  if ("names" in field) {
    const index = (field.names as readonly string[]).indexOf(upper);
    if (index >= 0) return index + field.nameBase;
  }
  if (!/^\d+$/.test(text)) fail(`"${text}" is not a valid ${field.name}`);
  const value = Number(text);
  if (value < field.min || value > field.max) {
    fail(`${field.name} ${value} is outside ${field.min}-${field.max}`);
  }
  return value;
}

function parseField(text: string, field: Field, fail: (problem: string) => never): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText, extra] = part.split("/");
    if (extra !== undefined || range === "") fail(`"${part}" is not a valid ${field.name}`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      fail(`step "${stepText}" in the ${field.name} must be 1 or more`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = field.min;
      to = field.max;
    } else {
      const [start, end, more] = range!.split("-");
      if (more !== undefined) fail(`"${range}" is not a valid ${field.name} range`);
      from = parseValue(start!, field, fail);
      to = end === undefined ? (stepText === undefined ? from : field.max) : parseValue(end, field, fail);
      if (to < from) fail(`${field.name} range "${range}" runs backwards`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const fail = (problem: string): never => {
    throw new CronError(expression, problem);
  };
  let rest = expression.trim();
  let timeZone = "UTC";
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(rest);
  if (zone) {
    timeZone = zone[1]!;
    rest = rest.slice(zone[0].length);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
    } catch {
      fail(`unknown time zone "${timeZone}"`);
    }
  }
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) fail(`expected 5 fields (minute hour day month weekday), found ${parts.length}`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, index) =>
    parseField(part, fields[index]!, fail),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  return {
    source: expression,
    timeZone,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayMatchesEither: !parts[2]!.startsWith("*") && !parts[4]!.startsWith("*"),
  };
}

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  if (timeZone === "UTC") {
    return {
      month: instant.getUTCMonth() + 1,
      day: instant.getUTCDate(),
      weekday: instant.getUTCDay(),
      hour: instant.getUTCHours(),
      minute: instant.getUTCMinutes(),
    };
  }
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    month: "numeric",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    month: Number(part("month")),
    day: Number(part("day")),
    weekday: dayNames.indexOf(part("weekday").toUpperCase()),
    hour: Number(part("hour")),
    minute: Number(part("minute")),
  };
}

function dayMatches(schedule: CronSchedule, clock: WallClock): boolean {
  const byDate = schedule.daysOfMonth.has(clock.day);
  const byWeekday = schedule.daysOfWeek.has(clock.weekday);
  return schedule.dayMatchesEither ? byDate || byWeekday : byDate && byWeekday;
}

const minute = 60_000;
// Five years of day-skips finds any date a valid expression can name (29 February included).
const searchLimit = 5 * 366 * 24 * 60;

/** The first time strictly after `after` that the schedule names, to the minute. */
export function nextCronTime(schedule: CronSchedule | string, after: Date): Date {
  const cron = typeof schedule === "string" ? parseCron(schedule) : schedule;
  let time = Math.floor(after.getTime() / minute) * minute + minute;
  const limit = time + searchLimit * minute;
  while (time < limit) {
    const clock = wallClock(new Date(time), cron.timeZone);
    if (!cron.months.has(clock.month) || !dayMatches(cron, clock)) {
      // Stop an hour short of midnight: a day that loses an hour to daylight saving would overshoot.
      const toMidnight = (24 - clock.hour) * 60 - clock.minute;
      time += (toMidnight > 60 ? toMidnight - 60 : toMidnight) * minute;
    } else if (!cron.hours.has(clock.hour)) {
      time += (60 - clock.minute) * minute;
    } else if (!cron.minutes.has(clock.minute)) {
      time += minute;
    } else {
      return new Date(time);
    }
  }
  throw new CronError(cron.source, "it never names a date that exists");
}
