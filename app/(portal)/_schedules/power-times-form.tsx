"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { ClassTimesFields } from "@/components/class-times-fields";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { type PowerTimesFormInput, powerTimesFormSchema } from "@/lib/schedules/schedule-input";
import { savePowerTimesAction } from "./actions";

/** A VM's or project's weekly power times and their zone; saving none removes the schedule. */
export function PowerTimesForm({
  target,
  initial,
  timeZones,
}: {
  target: { vmId: string } | { projectId: string };
  initial: PowerTimesFormInput;
  timeZones: string[];
}) {
  const t = useTranslations("schedules.card");
  const locale = useLocale();
  const idPrefix = "vmId" in target ? `vm-${target.vmId}` : `project-${target.projectId}`;
  const form = useForm<PowerTimesFormInput>({
    resolver: zodResolver(powerTimesFormSchema, zodParseOptions(locale)),
    defaultValues: {
      ...initial,
      timeZone: initial.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={t("label")}
        onSubmit={form.handleSubmit((values) =>
          run(() => savePowerTimesAction({ target, ...values }), {
            success: ({ outcome }) => t(outcome === "saved" ? "saved" : "removed"),
          }),
        )}
      >
        <FieldGroup className="gap-6">
          <Controller
            control={form.control}
            name="timeZone"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="max-w-xs">
                <FieldLabel htmlFor={`${idPrefix}-zone`}>{t("timeZone")}</FieldLabel>
                <Input
                  {...field}
                  id={`${idPrefix}-zone`}
                  list={`${idPrefix}-zones`}
                  aria-invalid={fieldState.invalid}
                />
                <datalist id={`${idPrefix}-zones`}>
                  {timeZones.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <ClassTimesFields words="power" idPrefix={idPrefix} />
          <FieldError>{error}</FieldError>
          <Button type="submit" className="w-fit" disabled={pending}>
            {t("save")}
          </Button>
        </FieldGroup>
      </form>
    </FormProvider>
  );
}
