"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormContext } from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { NewCohortInput } from "@/lib/cohorts/class-times";

const defaults = { enabled: true, minutes: 30, cpuPercent: 5, networkKibps: 16 };

const numbers = ["minutes", "cpuPercent", "networkKibps"] as const;

/** The class's own idle stop, or (unticked) the project's or the portal's. */
export function IdleStopFields() {
  const t = useTranslations("cohorts.idleStop");
  const { control } = useFormContext<NewCohortInput>();
  return (
    <Controller
      control={control}
      name="idleStop"
      render={({ field, fieldState }) => (
        <fieldset className="grid gap-3">
          <legend className="mb-2 text-sm font-medium">{t("legend")}</legend>
          <div className="flex items-center gap-2">
            <Checkbox
              id="cohort-idle-stop"
              checked={Boolean(field.value)}
              onCheckedChange={(checked) => field.onChange(checked ? defaults : null)}
            />
            <FieldLabel htmlFor="cohort-idle-stop">{t("enable")}</FieldLabel>
          </div>
          {field.value ? (
            <div className="grid gap-4 sm:grid-cols-3">
              {numbers.map((key) => (
                <Field key={key}>
                  <FieldLabel htmlFor={`cohort-idle-${key}`}>{t(key)}</FieldLabel>
                  <Input
                    id={`cohort-idle-${key}`}
                    type="number"
                    min={0}
                    value={Number.isNaN(field.value?.[key]) ? "" : field.value?.[key]}
                    onChange={(event) =>
                      field.onChange({ ...field.value, [key]: event.target.valueAsNumber })
                    }
                  />
                </Field>
              ))}
            </div>
          ) : (
            <FieldDescription>{t("inherited")}</FieldDescription>
          )}
          <FieldError errors={[fieldState.error]} />
        </fieldset>
      )}
    />
  );
}
