"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Quota } from "@/lib/quotas/quota";

const fields = [
  { key: "vms", inGib: false },
  { key: "cores", inGib: false },
  { key: "memoryMb", inGib: true },
  { key: "diskGb", inGib: true },
  { key: "snapshots", inGib: false },
  { key: "backups", inGib: false },
  { key: "backupGb", inGib: true },
] as const;

/**
 * Seven number inputs for the `quota` of the surrounding form (a FormProvider); memory is edited in GiB
 * and kept in MiB.
 */
export function QuotaFields({ idPrefix }: { idPrefix: string }) {
  const t = useTranslations("components.quotaFields");
  const { control, formState } = useFormContext<{ quota: Quota }>();
  // A server error about the quota as a whole, not one of its numbers.
  const whole = formState.errors.quota?.message;
  return (
    <div className="grid gap-2">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {fields.map((quotaField) => (
          <Controller
            key={quotaField.key}
            control={control}
            name={`quota.${quotaField.key}`}
            render={({ field, fieldState }) => {
              const memory = quotaField.key === "memoryMb";
              const shown = memory ? field.value / 1024 : field.value;
              const id = `${idPrefix}-${quotaField.key}`;
              return (
                <Field data-invalid={fieldState.invalid} className="gap-1.5">
                  <FieldLabel htmlFor={id}>
                    {t(quotaField.key)}
                    {quotaField.inGib && <span className="text-muted-foreground">{t("gib")}</span>}
                  </FieldLabel>
                  <Input
                    id={id}
                    name={field.name}
                    ref={field.ref}
                    onBlur={field.onBlur}
                    type="number"
                    min={0}
                    step={memory ? 0.5 : 1}
                    aria-invalid={fieldState.invalid}
                    value={Number.isNaN(shown) ? "" : shown}
                    onChange={(event) => {
                      const number = event.target.valueAsNumber;
                      field.onChange(memory ? Math.round(number * 1024) : number);
                    }}
                  />
                  <FieldError errors={[fieldState.error]} />
                </Field>
              );
            }}
          />
        ))}
      </div>
      <FieldError>{whole}</FieldError>
    </div>
  );
}
