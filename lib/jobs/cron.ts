import { Cron, type CronOptions } from "croner";

/**
 * Five-field cron expressions as Inngest reads them ("TZ=Europe/Berlin 30 2 * * 1-5"): minute, hour,
 * day of month, month, day of week, with an optional TZ= prefix (UTC when absent). Croner does the
 * calendar; this module reads the prefix and says what is wrong in the portal's words.
 */
export interface ParsedCron {
  source: string;
  timeZone: string;
  cron: Cron;
}

export class CronError extends Error {
  constructor(expression: string, problem: string) {
    super(`Invalid cron expression "${expression}": ${problem}`);
    this.name = "CronError";
  }
}

const fields = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function croner(pattern: string, timeZone: string): Cron {
  const options: CronOptions = {
    timezone: timeZone,
    mode: "5-part",
    // Vixie cron: when both day fields are restricted, a day matching either one matches.
    domAndDow: false,
    // Accept "5/10" (from 5 to the end of the field, in steps of 10), which croner refuses by default.
    sloppyRanges: true,
  };
  return new Cron(pattern, options);
}

/** Croner's reason for refusing one field, told with the field's name and the value as written. */
function describeProblem(text: string, field: (typeof fields)[number], error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, "");
  // Croner counts months and days from 0 in this message, so the value comes from the text instead.
  if (reason.startsWith("Invalid value")) {
    const values = text.replace(/\/\d+/g, "").match(/\d+/g)?.map(Number) ?? [];
    const outside = values.find((value) => value < field.min || value > field.max);
    if (outside !== undefined) return `${field.name} ${outside} is outside ${field.min}-${field.max}`;
  }
  const backwards = /From value is larger than to value: '(.*)'/.exec(reason);
  if (backwards) return `${field.name} range "${backwards[1]}" runs backwards`;
  const range = /illegal range: '(.*)'/.exec(reason);
  if (range) return `"${range[1]}" is not a valid ${field.name} range`;
  const step = /\/(\d+)/.exec(text);
  if (reason.includes("illegal stepping") && step && Number(step[1]) < 1)
    return `step "${step[1]}" in the ${field.name} must be 1 or more`;
  if (reason.includes("illegal characters")) return `"${text}" is not a valid ${field.name}`;
  return `${field.name} "${text}": ${reason}`;
}

export function parseCron(expression: string): ParsedCron {
  let rest = expression.trim();
  let timeZone = "UTC";
  const zone = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(rest);
  if (zone) {
    timeZone = zone[1]!;
    rest = rest.slice(zone[0].length);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
    } catch {
      throw new CronError(expression, `unknown time zone "${timeZone}"`);
    }
  }
  const parts = rest.split(/\s+/);
  if (parts.length !== 5)
    throw new CronError(
      expression,
      `expected 5 fields (minute hour day month weekday), found ${parts.length}`,
    );
  try {
    return { source: expression, timeZone, cron: croner(parts.join(" "), timeZone) };
  } catch (error) {
    // Croner names the problem but not always the field: try each field on its own to find it.
    for (const [index, field] of fields.entries()) {
      const alone = parts.map((part, other) => (other === index ? part : "*")).join(" ");
      try {
        croner(alone, timeZone);
      } catch (fieldError) {
        throw new CronError(expression, describeProblem(parts[index]!, field, fieldError));
      }
    }
    throw new CronError(expression, error instanceof Error ? error.message : String(error));
  }
}

/** The first time strictly after `after` that the schedule names, to the minute. */
export function nextCronTime(schedule: ParsedCron | string, after: Date): Date {
  const parsed = typeof schedule === "string" ? parseCron(schedule) : schedule;
  const next = parsed.cron.nextRun(after);
  if (!next) throw new CronError(parsed.source, "it never names a date that exists");
  return next;
}
