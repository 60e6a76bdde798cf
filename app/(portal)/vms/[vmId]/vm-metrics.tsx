import Link from "next/link";
import { useTranslations } from "next-intl";
import { UsageChart } from "@/components/usage-chart";
import type { ChartRange } from "@/lib/proxmox/rrd-history";
import type { RrdPoint } from "@/lib/proxmox/schemas";
import { cn } from "@/lib/utils";
import { usageCharts, usageRows } from "@/lib/vms/usage-series";

const ranges = ["hour", "day", "week"] as const satisfies ChartRange[];
export type Range = (typeof ranges)[number];

export function VmMetrics({
  vmId,
  range,
  points,
  running,
}: {
  vmId: string;
  range: Range;
  points: RrdPoint[] | null;
  running: boolean;
}) {
  const t = useTranslations("vmPage.metrics");
  const rows = usageRows(points ?? []);
  return (
    <section aria-label={t("label")} className="grid gap-3">
      <nav className="flex gap-1 text-sm">
        {ranges.map((option) => (
          <Link
            key={option}
            href={`/vms/${vmId}?range=${option}`}
            className={cn(
              "rounded-md px-2 py-1",
              option === range ? "bg-accent font-medium" : "text-muted-foreground hover:bg-accent",
            )}
          >
            {t(`ranges.${option}`)}
          </Link>
        ))}
      </nav>
      {points === null ? (
        <p className="text-sm text-muted-foreground">{t("unavailable")}</p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {usageCharts.map((chart) => (
            <UsageChart key={chart.name} chart={chart} rows={rows} range={range} running={running} />
          ))}
        </div>
      )}
    </section>
  );
}
