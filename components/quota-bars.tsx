import { useTranslations } from "next-intl";
import { Progress } from "@/components/ui/progress";
import { formatGiB, formatMemory } from "@/lib/format";
import { type Dimension, type Quota, type QuotaMeter, quotaMeters, type Usage } from "@/lib/quotas/quota";
import { cn } from "@/lib/utils";

function format(dimension: Dimension, value: number): string {
  if (dimension === "memoryMb") return formatMemory(value);
  if (dimension === "diskGb" || dimension === "backupGb") return formatGiB(value);
  return String(value);
}

/** One bar each; backups are one bar of two limits (how many, how much space), as full as the fuller. */
const bars = [
  { id: "vms", dimensions: ["vms"] },
  { id: "cores", dimensions: ["cores"] },
  { id: "memoryMb", dimensions: ["memoryMb"] },
  { id: "diskGb", dimensions: ["diskGb"] },
  { id: "snapshots", dimensions: ["snapshots"] },
  { id: "backups", dimensions: ["backups", "backupGb"] },
] as const satisfies { id: Dimension; dimensions: Dimension[] }[];

function Meter({ label, parts }: { label: string; parts: [Dimension, QuotaMeter][] }) {
  const t = useTranslations("components.quotaBars");
  const share = Math.max(...parts.map(([, meter]) => meter.share));
  return (
    <>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground tabular-nums">
          {parts
            .map(([dimension, { used, limit }]) => `${format(dimension, used)} / ${format(dimension, limit)}`)
            .join(" · ")}
        </span>
      </div>
      <Progress
        value={share * 100}
        aria-hidden
        className={cn(
          "bg-muted",
          share >= 1
            ? "*:data-[slot=progress-indicator]:bg-destructive"
            : share >= 0.8 && "*:data-[slot=progress-indicator]:bg-amber-500",
        )}
      />
      <span className="text-xs text-muted-foreground">
        {t("left", { amounts: parts.map(([dimension, { left }]) => format(dimension, left)).join(" · ") })}
      </span>
    </>
  );
}

export function QuotaBars({
  quota,
  usage,
  label,
}: {
  quota: Quota;
  usage: Usage;
  /** Names the bars for screen readers: whose quota they measure. */
  label?: string;
}) {
  const t = useTranslations("components.quotaBars");
  const meters = quotaMeters(quota, usage);
  return (
    <section
      aria-label={label ?? t("yours")}
      className="grid grid-cols-2 gap-4 rounded-xl border p-4 sm:grid-cols-3 lg:grid-cols-6"
    >
      {bars.map((bar) => (
        <div key={bar.id} className="flex flex-col gap-1.5" data-testid={`quota-${bar.id}`}>
          <Meter
            label={t(`labels.${bar.id}`)}
            parts={bar.dimensions.map((dimension) => [dimension, meters[dimension]])}
          />
        </div>
      ))}
    </section>
  );
}
