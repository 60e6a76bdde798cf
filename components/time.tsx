import { useFormatter } from "next-intl";

const styles = {
  day: { dateStyle: "medium" },
  minute: { dateStyle: "medium", timeStyle: "short" },
  second: { dateStyle: "medium", timeStyle: "medium" },
} as const;

/**
 * A moment as people read it, in their language and time zone (or the given one, say a class's), with the
 * exact instant in `dateTime` for machines and a hover title.
 */
export function Time({
  at,
  precision = "minute",
  className,
  timeZone,
}: {
  at: Date | number;
  precision?: keyof typeof styles;
  className?: string;
  timeZone?: string;
}) {
  const format = useFormatter();
  const date = typeof at === "number" ? new Date(at) : at;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className={className}>
      {timeZone
        ? format.dateTime(date, { ...styles[precision], timeZone })
        : format.dateTime(date, precision)}
    </time>
  );
}
