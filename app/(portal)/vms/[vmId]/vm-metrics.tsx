import Link from "next/link";
import { LineChart } from "@/components/line-chart";
import type { RrdPoint } from "@/lib/proxmox/schemas";
import { cn } from "@/lib/utils";

const ranges = ["hour", "day", "week"] as const;
export type Range = (typeof ranges)[number];

const bytes = (value: number) =>
  value >= 1024 ** 2
    ? `${(value / 1024 ** 2).toFixed(1)} MB/s`
    : value >= 1024
      ? `${(value / 1024).toFixed(1)} kB/s`
      : `${value.toFixed(0)} B/s`;

export function VmMetrics({
  vmId,
  range,
  points,
}: {
  vmId: string;
  range: Range;
  points: RrdPoint[] | null;
}) {
  const pick = (key: keyof RrdPoint) =>
    (points ?? []).map((point) => (typeof point[key] === "number" ? (point[key] as number) : null));
  const memory = (points ?? []).map((point) =>
    point.mem !== undefined && point.maxmem ? (point.mem / point.maxmem) * 100 : null,
  );
  return (
    <section aria-label="Usage charts" className="grid gap-3">
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
            {option}
          </Link>
        ))}
      </nav>
      {points === null ? (
        <p className="text-sm text-muted-foreground">Usage is not available right now.</p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          <LineChart
            title="CPU"
            format={(v) => `${v.toFixed(0)}%`}
            series={[
              {
                label: "used",
                values: pick("cpu").map((v) => (v === null ? null : v * 100)),
                className: "stroke-primary",
              },
            ]}
          />
          <LineChart
            title="Memory"
            format={(v) => `${v.toFixed(0)}%`}
            series={[{ label: "used", values: memory, className: "stroke-primary" }]}
          />
          <LineChart
            title="Network"
            format={bytes}
            series={[
              { label: "in", values: pick("netin"), className: "stroke-sky-500" },
              { label: "out", values: pick("netout"), className: "stroke-amber-500" },
            ]}
          />
          <LineChart
            title="Disk I/O"
            format={bytes}
            series={[
              { label: "read", values: pick("diskread"), className: "stroke-sky-500" },
              { label: "write", values: pick("diskwrite"), className: "stroke-amber-500" },
            ]}
          />
        </div>
      )}
    </section>
  );
}
