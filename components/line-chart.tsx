export interface Series {
  label: string;
  values: (number | null)[];
  className: string;
}

/** A small SVG line chart; gaps where the VM was off stay gaps. */
export function LineChart({
  title,
  series,
  format,
}: {
  title: string;
  series: Series[];
  format: (value: number) => string;
}) {
  const all = series.flatMap((line) => line.values.filter((value): value is number => value !== null));
  const max = Math.max(...all, 0) || 1;
  const width = 300;
  const height = 80;
  const count = Math.max(...series.map((line) => line.values.length), 2);
  const path = (values: (number | null)[]) =>
    values
      .map((value, index) => {
        if (value === null) return "";
        const x = (index / (count - 1)) * width;
        const y = height - (value / max) * (height - 4) - 2;
        const previous = values[index - 1];
        return `${index === 0 || previous === null || previous === undefined ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(" ");
  const latest = series.map((line) => line.values.findLast((value) => value !== null) ?? null);
  return (
    <figure className="grid gap-1 rounded-lg border p-3">
      <figcaption className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-xs text-muted-foreground">
          {series
            .map((line, index) => `${line.label} ${latest[index] === null ? "—" : format(latest[index]!)}`)
            .join(" · ")}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-20 w-full"
        role="img"
        aria-label={`${title} over time`}
        preserveAspectRatio="none"
      >
        {series.map((line) => (
          <path
            key={line.label}
            d={path(line.values)}
            fill="none"
            strokeWidth={1.5}
            className={line.className}
            vectorEffect="non-scaling-stroke"
          />
        ))}
      </svg>
    </figure>
  );
}
