"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";

/** The network a new VM joins, for a form with a `networkId`; nothing when there is only the default. */
export function NetworkSelect({ networks }: { networks: { id: string; label: string }[] }) {
  const t = useTranslations("createVm");
  const { control } = useFormContext<{ networkId?: string }>();
  if (networks.length === 0) return null;
  return (
    <Controller
      control={control}
      name="networkId"
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className="sm:max-w-sm">
          <FieldLabel htmlFor="vm-network">{t("network")}</FieldLabel>
          <NativeSelect {...field} id="vm-network" aria-invalid={fieldState.invalid}>
            {networks.map((network) => (
              <NativeSelectOption key={network.id} value={network.id}>
                {network.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}
