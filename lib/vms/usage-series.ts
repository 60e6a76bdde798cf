import { formatPercent, formatRate } from "@/lib/format";
import type { RrdPoint } from "@/lib/proxmox/schemas";

/** One moment of a VM's usage as the charts draw it; null where the VM was off or the figure is unknown. */
export interface UsageRow {
  /** Milliseconds since 1970. */
  time: number;
  /** Share of all the VM's cores, 0 to 1. */
  cpu: number | null;
  /** Share of the VM's memory, 0 to 1. */
  memory: number | null;
  netin: number | null;
  netout: number | null;
  diskread: number | null;
  diskwrite: number | null;
}

export type UsageKey = Exclude<keyof UsageRow, "time">;
export type UsageUnit = "share" | "rate";

/** A chart and its lines, named by key: their words are the catalog's `usage.charts.*` and `usage.series.*`. */
export interface UsageChart {
  name: "cpu" | "memory" | "network" | "disk";
  unit: UsageUnit;
  series: UsageKey[];
}

export const usageCharts: UsageChart[] = [
  { name: "cpu", unit: "share", series: ["cpu"] },
  { name: "memory", unit: "share", series: ["memory"] },
  { name: "network", unit: "rate", series: ["netin", "netout"] },
  { name: "disk", unit: "rate", series: ["diskread", "diskwrite"] },
];

const figure = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

/** Proxmox's RRD points, oldest first, as chart rows. */
export function usageRows(points: RrdPoint[]): UsageRow[] {
  return [...points]
    .sort((a, b) => a.time - b.time)
    .map((point) => {
      const mem = figure(point.mem);
      const maxmem = figure(point.maxmem);
      return {
        time: point.time * 1000,
        cpu: figure(point.cpu),
        memory: mem !== null && maxmem ? mem / maxmem : null,
        netin: figure(point.netin),
        netout: figure(point.netout),
        diskread: figure(point.diskread),
        diskwrite: figure(point.diskwrite),
      };
    });
}

/** Whether a chart has a line to draw: two moments in a row with a figure, as one alone draws nothing. */
export function hasLine(rows: UsageRow[], keys: UsageKey[]): boolean {
  return keys.some((key) =>
    rows.some((row, index) => index > 0 && row[key] !== null && rows[index - 1]![key] !== null),
  );
}

const niceSteps = [1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500];

/**
 * Round ticks for a chart in bytes per second, in binary units as the figures are shown ("0 B/s",
 * "20 KiB/s", "40 KiB/s"); none while there is no figure, as there is no scale to show.
 */
export function rateTicks(rows: UsageRow[], keys: UsageKey[], most = 4): number[] | undefined {
  const figures = rows.flatMap((row) => keys.map((key) => row[key])).filter((value) => value !== null);
  if (figures.length === 0) return undefined;
  const max = Math.max(...figures, 1);
  const unit = 1024 ** Math.min(5, Math.floor(Math.log(max) / Math.log(1024)));
  const step = (niceSteps.find((candidate) => Math.ceil(max / (candidate * unit)) <= most) ?? 1024) * unit;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, index) => index * step);
}

/** A figure in its chart's unit: "42%", "1.5 MiB/s", or "—" where there is none. */
export function formatUsage(unit: UsageUnit, value: number | null): string {
  if (value === null) return "—";
  return unit === "share" ? formatPercent(value) : formatRate(value);
}
