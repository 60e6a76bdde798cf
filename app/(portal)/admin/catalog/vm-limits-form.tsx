"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { vmLimitsInput } from "@/lib/catalog/catalog-inputs";
import { saveVmLimitsAction } from "./actions";

type Limits = z.output<typeof vmLimitsInput>["limits"];

const limitFields: [keyof Limits, string][] = [
  ["minCores", "Cores, at least"],
  ["maxCores", "Cores, at most"],
  ["minMemoryMb", "Memory (MiB), at least"],
  ["maxMemoryMb", "Memory (MiB), at most"],
  ["minDiskGb", "Disk (GiB), at least"],
  ["maxDiskGb", "Disk (GiB), at most"],
  ["maxNics", "Network cards, at most"],
  ["maxDisks", "Disks, at most"],
];

export function VmLimitsForm({ initial, canChange }: { initial: Limits; canChange: boolean }) {
  const form = useForm({ resolver: zodResolver(vmLimitsInput), defaultValues: { limits: initial } });
  const { run, pending, error } = useActionRunner({ form, success: "Saved.", refresh: true });
  return (
    <form
      noValidate
      aria-label="Limits per VM"
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) => run(() => saveVmLimitsAction(values)))}
    >
      <div className="grid items-start gap-3 sm:grid-cols-4">
        {limitFields.map(([key, label]) => (
          <NumberField
            key={key}
            control={form.control}
            name={`limits.${key}`}
            id={`limit-${key}`}
            label={label}
            className="gap-1"
          />
        ))}
      </div>
      <FieldError>{error ?? form.formState.errors.limits?.message}</FieldError>
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          Save limits
        </Button>
      </div>
    </form>
  );
}
