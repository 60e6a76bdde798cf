"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SizeLimits, VmSize } from "@/lib/vms/vm-size";

/** The value a number input shows: empty while the field holds no number. */
const shown = (value: number) => (Number.isNaN(value) ? "" : value);

/**
 * Cores, memory and disk for a form whose values include a VmSize. Memory is typed in GiB and kept in
 * MiB, as the server takes it.
 */
export function VmSizeFields({ idPrefix, limits }: { idPrefix: string; limits: SizeLimits }) {
  const t = useTranslations("components.vmSize");
  const { control } = useFormContext<VmSize>();
  return (
    <div className="grid items-start gap-4 sm:grid-cols-3">
      <Controller
        control={control}
        name="cores"
        render={({ field, fieldState }) => (
          <Field data-invalid={fieldState.invalid}>
            <FieldLabel htmlFor={`${idPrefix}-cores`}>
              {t("cores", { min: limits.minCores, max: limits.maxCores })}
            </FieldLabel>
            <Input
              {...field}
              id={`${idPrefix}-cores`}
              type="number"
              min={limits.minCores}
              max={limits.maxCores}
              value={shown(field.value)}
              onChange={(event) => field.onChange(event.target.valueAsNumber)}
              aria-invalid={fieldState.invalid}
            />
            <FieldError errors={[fieldState.error]} />
          </Field>
        )}
      />
      <Controller
        control={control}
        name="memoryMb"
        render={({ field, fieldState }) => (
          <Field data-invalid={fieldState.invalid}>
            <FieldLabel htmlFor={`${idPrefix}-memory`}>
              {t("memory", { min: limits.minMemoryMb / 1024, max: limits.maxMemoryMb / 1024 })}
            </FieldLabel>
            <GibInput
              id={`${idPrefix}-memory`}
              mib={field.value}
              onMibChange={field.onChange}
              onBlur={field.onBlur}
              min={limits.minMemoryMb / 1024}
              max={limits.maxMemoryMb / 1024}
              aria-invalid={fieldState.invalid}
            />
            <FieldError errors={[fieldState.error]} />
          </Field>
        )}
      />
      <Controller
        control={control}
        name="diskGb"
        render={({ field, fieldState }) => (
          <Field data-invalid={fieldState.invalid}>
            <FieldLabel htmlFor={`${idPrefix}-disk`}>
              {t("disk", { min: limits.minDiskGb, max: limits.maxDiskGb })}
            </FieldLabel>
            <Input
              {...field}
              id={`${idPrefix}-disk`}
              type="number"
              min={limits.minDiskGb}
              max={limits.maxDiskGb}
              value={shown(field.value)}
              onChange={(event) => field.onChange(event.target.valueAsNumber)}
              aria-invalid={fieldState.invalid}
            />
            <FieldError errors={[fieldState.error]} />
          </Field>
        )}
      />
    </div>
  );
}

// Keeps the text as typed: showing mib / 1024 back would turn "1.7" into "1.7001953125".
function GibInput({
  mib,
  onMibChange,
  ...props
}: Omit<React.ComponentProps<typeof Input>, "value" | "onChange"> & {
  mib: number;
  onMibChange: (mib: number) => void;
}) {
  const [text, setText] = useState(Number.isNaN(mib) ? "" : String(mib / 1024));
  return (
    <Input
      {...props}
      type="number"
      step={0.5}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onMibChange(Math.round(event.target.valueAsNumber * 1024));
      }}
    />
  );
}
