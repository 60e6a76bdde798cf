"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatGiB, formatMemory } from "@/lib/format";
import type { Quota } from "@/lib/quotas/quota";

const fields = [
  { key: "vms", label: "VMs", unit: "" },
  { key: "cores", label: "Cores", unit: "" },
  { key: "memoryMb", label: "Memory", unit: "GiB" },
  { key: "diskGb", label: "Disk", unit: "GiB" },
  { key: "snapshots", label: "Snapshots", unit: "" },
] as const;

/** Five number inputs for a quota; memory is edited in GiB and kept in MiB. */
export function QuotaFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: Quota;
  onChange: (quota: Quota) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {fields.map((field) => {
        const shown = field.key === "memoryMb" ? value.memoryMb / 1024 : value[field.key];
        return (
          <div key={field.key} className="grid gap-1.5">
            <Label htmlFor={`${idPrefix}-${field.key}`}>
              {field.label}
              {field.unit && <span className="text-muted-foreground">({field.unit})</span>}
            </Label>
            <Input
              id={`${idPrefix}-${field.key}`}
              type="number"
              min={0}
              step={field.key === "memoryMb" ? 0.5 : 1}
              value={Number.isNaN(shown) ? "" : shown}
              onChange={(event) => {
                const number = event.target.valueAsNumber;
                const stored = field.key === "memoryMb" ? Math.round(number * 1024) : number;
                onChange({ ...value, [field.key]: stored });
              }}
            />
          </div>
        );
      })}
    </div>
  );
}

export function describeQuota(quota: Quota): string {
  return `${quota.vms} VMs · ${quota.cores} cores · ${formatMemory(quota.memoryMb)} memory · ${formatGiB(quota.diskGb)} disk · ${quota.snapshots} snapshots`;
}
