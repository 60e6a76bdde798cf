import { useTranslations } from "next-intl";
import { formatGiB, formatMemory } from "@/lib/format";
import { type Quota, quotaMeters, type Usage } from "@/lib/quotas/quota";
import { cn } from "@/lib/utils";

/** One line of the quota bars' numbers, for a table row; a full dimension reads in red. */
export function QuotaSummary({ quota, usage }: { quota: Quota; usage: Usage }) {
  const t = useTranslations("components.quotaSummary");
  const meters = quotaMeters(quota, usage);
  const parts = [
    ["vms", `${meters.vms.used}/${meters.vms.limit}`, meters.vms.share],
    ["cores", `${meters.cores.used}/${meters.cores.limit}`, meters.cores.share],
    [
      "memory",
      `${formatMemory(meters.memoryMb.used)}/${formatMemory(meters.memoryMb.limit)}`,
      meters.memoryMb.share,
    ],
    ["disk", `${formatGiB(meters.diskGb.used)}/${formatGiB(meters.diskGb.limit)}`, meters.diskGb.share],
  ] as const;
  return (
    <span className="text-xs tabular-nums">
      {parts.map(([label, text, share], index) => (
        <span key={label} className={cn(share >= 1 && "text-destructive")}>
          {index > 0 && " · "}
          {t(label, { value: text })}
        </span>
      ))}
    </span>
  );
}
