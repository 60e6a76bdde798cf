import { type DateOptions, formatDay, formatMinute, formatSecond } from "@/lib/format";

const formats = { day: formatDay, minute: formatMinute, second: formatSecond };

/** A moment as people read it, with the exact instant in `dateTime` for machines and a hover title. */
export function Time({
  at,
  precision = "minute",
  className,
  ...options
}: { at: Date | number; precision?: keyof typeof formats; className?: string } & DateOptions) {
  const date = typeof at === "number" ? new Date(at) : at;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formats[precision](date, options)}
    </time>
  );
}
