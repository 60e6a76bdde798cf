import { Progress } from "@/components/ui/progress";
import { type Dimension, dimensions, type Quota, type Usage } from "@/lib/quotas/quota";
import { cn } from "@/lib/utils";

const labels: Record<Dimension, string> = {
  vms: "VMs",
  cores: "Cores",
  memoryMb: "Memory",
  diskGb: "Disk",
  snapshots: "Snapshots",
};

function format(dimension: Dimension, value: number): string {
  if (dimension === "memoryMb") return `${Number((value / 1024).toFixed(1))} GiB`;
  if (dimension === "diskGb") return `${value} GiB`;
  return String(value);
}

export function QuotaBars({ quota, usage }: { quota: Quota; usage: Usage }) {
  return (
    <section aria-label="Your quota" className="grid grid-cols-2 gap-4 rounded-xl border p-4 sm:grid-cols-5">
      {dimensions.map((dimension) => {
        const limit = quota[dimension];
        const used = usage[dimension];
        const share = limit === 0 ? 1 : Math.min(1, used / limit);
        return (
          <div key={dimension} className="flex flex-col gap-1.5" data-testid={`quota-${dimension}`}>
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium">{labels[dimension]}</span>
              <span className="text-muted-foreground tabular-nums">
                {format(dimension, used)} / {format(dimension, limit)}
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
              {format(dimension, Math.max(0, limit - used))} left
            </span>
          </div>
        );
      })}
    </section>
  );
}
