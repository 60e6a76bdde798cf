"use client";

import { useFormatter, useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import {
  type ChartConfig,
  ChartContainer,
  ChartLegend,
  ChartLegendContent,
  ChartTooltip,
  ChartTooltipContent,
} from "@/components/ui/chart";
import type { ChartRange } from "@/lib/proxmox/rrd-history";
import { formatUsage, rateTicks, type UsageChart, type UsageRow } from "@/lib/vms/usage-series";

const colors = ["var(--chart-1)", "var(--chart-2)"];
const shareTicks = [0, 0.25, 0.5, 0.75, 1];

/** The Recharts half of a usage chart, loaded only in the browser: it is the heaviest script on the page. */
export function UsagePlot({
  chart,
  rows,
  range,
}: {
  chart: UsageChart;
  rows: UsageRow[];
  range: ChartRange;
}) {
  const words = useTranslations("usage.series");
  const config = Object.fromEntries(
    chart.series.map((key, index) => [key, { label: words(key), color: colors[index] }]),
  ) satisfies ChartConfig;
  const format = useFormatter();
  const tick = (time: number) =>
    range === "week"
      ? format.dateTime(time, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })
      : format.dateTime(time, "time");
  const ticks = chart.unit === "share" ? shareTicks : rateTicks(rows, chart.series);
  return (
    <ChartContainer config={config} className="aspect-auto h-44 w-full">
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
        <CartesianGrid vertical={false} />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={["dataMin", "dataMax"]}
          tickFormatter={(time: number) => tick(time)}
          tickLine={false}
          axisLine={false}
          minTickGap={40}
        />
        <YAxis
          width={chart.unit === "rate" ? 80 : 40}
          domain={[0, ticks?.at(-1) ?? "auto"]}
          ticks={ticks}
          tickFormatter={(value: number) => formatUsage(chart.unit, value)}
          tickLine={false}
          axisLine={false}
        />
        <ChartTooltip
          content={
            <ChartTooltipContent
              labelFormatter={(_, payload) => {
                const time = payload[0]?.payload?.time;
                return typeof time === "number" ? format.dateTime(time, "minute") : "";
              }}
              formatter={(value, name, item) => (
                <div className="flex w-full items-center gap-2">
                  <span className="size-2.5 shrink-0 rounded-[2px]" style={{ backgroundColor: item.color }} />
                  <span className="text-muted-foreground">
                    {config[name as keyof typeof config]?.label ?? name}
                  </span>
                  <span className="ms-auto font-mono tabular-nums">
                    {formatUsage(chart.unit, typeof value === "number" ? value : null)}
                  </span>
                </div>
              )}
            />
          }
        />
        {chart.series.length > 1 && <ChartLegend content={<ChartLegendContent />} />}
        {chart.series.map((key) => (
          <Line
            key={key}
            dataKey={key}
            type="monotone"
            stroke={`var(--color-${key})`}
            strokeWidth={1.5}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartContainer>
  );
}
