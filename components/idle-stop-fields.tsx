"use client";

import { useTranslations } from "next-intl";
import { Controller, type FieldValues, useFormContext } from "react-hook-form";
import { NumberField } from "@/components/number-field";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { IdleStopPolicy } from "@/db/schema";

const suggested: IdleStopPolicy = { enabled: true, minutes: 30, cpuPercent: 5, networkKibps: 16 };

type Mode = "inherit" | "on" | "off";

const modeOf = (policy: IdleStopPolicy | null | undefined): Mode =>
  !policy ? "inherit" : policy.enabled ? "on" : "off";

/**
 * The form's `idleStop`: stop idle VMs after a while, leave them running, or (with `inherit`) follow the
 * policy above this one, which keeps the value null.
 */
export function IdleStopFields({ idPrefix, inherit }: { idPrefix: string; inherit?: "project" | "portal" }) {
  const t = useTranslations("components.idleStop");
  const { control } = useFormContext<FieldValues>();
  return (
    <Controller
      control={control}
      name="idleStop"
      render={({ field, fieldState }) => {
        const policy = field.value as IdleStopPolicy | null | undefined;
        const mode = modeOf(policy);
        return (
          <fieldset className="grid gap-3">
            <legend className="mb-2 text-sm font-medium">{t("legend")}</legend>
            <Field className="gap-1.5">
              <FieldLabel htmlFor={`${idPrefix}-idle-mode`}>{t("mode")}</FieldLabel>
              <NativeSelect
                id={`${idPrefix}-idle-mode`}
                value={mode}
                onChange={(event) => {
                  const next = event.target.value as Mode;
                  if (next === "inherit") field.onChange(null);
                  else field.onChange({ ...suggested, ...policy, enabled: next === "on" });
                }}
              >
                {inherit && (
                  <NativeSelectOption value="inherit">
                    {t("modes.inherit", { source: inherit })}
                  </NativeSelectOption>
                )}
                <NativeSelectOption value="on">{t("modes.on")}</NativeSelectOption>
                <NativeSelectOption value="off">{t("modes.off")}</NativeSelectOption>
              </NativeSelect>
              <FieldDescription>{t("explain")}</FieldDescription>
            </Field>
            {mode === "on" && (
              <div className="grid gap-4 sm:grid-cols-3">
                <NumberField
                  control={control}
                  name="idleStop.minutes"
                  id={`${idPrefix}-idle-minutes`}
                  label={t("minutes")}
                />
                <NumberField
                  control={control}
                  name="idleStop.cpuPercent"
                  id={`${idPrefix}-idle-cpu`}
                  label={t("cpuPercent")}
                  step={0.1}
                />
                <NumberField
                  control={control}
                  name="idleStop.networkKibps"
                  id={`${idPrefix}-idle-network`}
                  label={t("networkKibps")}
                />
              </div>
            )}
            <FieldError errors={[fieldState.error]} />
          </fieldset>
        );
      }}
    />
  );
}
