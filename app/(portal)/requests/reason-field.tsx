"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";

export function ReasonField({ id }: { id: string }) {
  const t = useTranslations("requests.reason");
  const { control } = useFormContext<{ reason: string }>();
  return (
    <Controller
      control={control}
      name="reason"
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid}>
          <FieldLabel htmlFor={id}>{t("label")}</FieldLabel>
          <Textarea {...field} id={id} aria-invalid={fieldState.invalid} />
          <FieldDescription className="text-xs">{t("help")}</FieldDescription>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}
