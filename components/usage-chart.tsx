"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { ChartRange } from "@/lib/proxmox/rrd-history";
import { type UsageChart as Chart, formatUsage, hasLine, type UsageRow } from "@/lib/vms/usage-series";

const UsagePlot = dynamic(() => import("./usage-plot").then((module) => module.UsagePlot), {
  ssr: false,
  loading: () => <div className="h-44" />,
});

/** One usage chart with its latest figures; with no line to draw it says why over the empty axes. */
export function UsageChart({
  chart,
  rows,
  range,
  running,
}: {
  chart: Chart;
  rows: UsageRow[];
  range: ChartRange;
  running: boolean;
}) {
  const t = useTranslations("components.usageChart");
  const words = useTranslations("usage");
  const keys = chart.series;
  const title = words(`charts.${chart.name}`);
  const latest = chart.series.map((key) => {
    const value = rows.findLast((row) => row[key] !== null)?.[key] ?? null;
    return t("latest", { series: words(`series.${key}`), value: formatUsage(chart.unit, value) });
  });
  const empty = !hasLine(rows, keys);
  return (
    <figure className="grid gap-1 rounded-lg border p-3" data-testid={`usage-chart-${keys[0]}`}>
      <figcaption className="flex flex-wrap justify-between gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-xs text-muted-foreground">{latest.join(" · ")}</span>
      </figcaption>
      <div className="relative">
        <div role="img" aria-label={t("overTime", { title })}>
          <UsagePlot chart={chart} rows={rows} range={range} />
        </div>
        {empty && (
          // Clear of the value axis, and on the card's colour so no tick label shows through the words.
          <p className="pointer-events-none absolute inset-0 grid place-items-center pe-2 pb-6 ps-14">
            <span className="rounded-md bg-card px-3 py-1.5 text-center text-xs text-muted-foreground ring-1 ring-border">
              {running ? t("collecting") : t("wasOff", { range })}
            </span>
          </p>
        )}
      </div>
    </figure>
  );
}
