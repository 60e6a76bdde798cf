"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import { ClassTimesFields } from "@/components/class-times-fields";
import { TimeZoneField } from "@/components/time-zone-field";
import { Button } from "@/components/ui/button";
import { FieldError, FieldGroup } from "@/components/ui/field";
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
          <TimeZoneField
            control={form.control}
            name="timeZone"
            id={`${idPrefix}-zone`}
            label={t("timeZone")}
            timeZones={timeZones}
            className="max-w-xs"
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
