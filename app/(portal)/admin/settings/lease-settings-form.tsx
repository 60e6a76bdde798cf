"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { withItemErrors } from "@/components/item-errors";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { leaseSettingsForm, type leaseSettingsInput } from "@/lib/settings/settings-inputs";
import { saveLeaseSettingsAction } from "./actions";

type LeaseSettings = z.output<typeof leaseSettingsInput>;

export function LeaseSettingsForm({ initial, canChange }: { initial: LeaseSettings; canChange: boolean }) {
  const t = useTranslations("adminSettings");
  const locale = useLocale();
  const form = useForm<z.input<typeof leaseSettingsForm>, unknown, LeaseSettings>({
    resolver: zodResolver(leaseSettingsForm, zodParseOptions(locale)),
    defaultValues: {
      policy: {
        ...initial.policy,
        reminderDays: initial.policy.reminderDays.join(", "),
        digestTo: initial.policy.digestTo.join(", "),
      },
      idle: initial.idle,
    },
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved") });
  const { control } = form;
  return (
    <form
      noValidate
      aria-label={t("leaseForm.label")}
      onSubmit={form.handleSubmit((values) => run(() => saveLeaseSettingsAction(values)))}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            control={control}
            name="policy.lengthDays"
            id="lease-length"
            label={t("leaseForm.lengthDays")}
            description={t("leaseForm.lengthHint")}
          />
          <NumberField
            control={control}
            name="policy.maxDays"
            id="lease-max"
            label={t("leaseForm.maxDays")}
          />
          <Controller
            control={control}
            name="policy.reminderDays"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="lease-reminders">{t("leaseForm.reminders")}</FieldLabel>
                <Input {...field} id="lease-reminders" aria-invalid={fieldState.invalid} />
                <FieldDescription>{t("leaseForm.remindersHint")}</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={control}
            name="policy.graceDays"
            id="lease-grace"
            label={t("leaseForm.grace")}
            description={t("leaseForm.graceHint")}
          />
          <Controller
            control={control}
            name="policy.digestTo"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="lease-digest">{t("leaseForm.digest")}</FieldLabel>
                <Input {...field} id="lease-digest" aria-invalid={fieldState.invalid} />
                <FieldDescription>{t("leaseForm.digestHint")}</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={control}
            name="idle.cpuPercent"
            id="idle-cpu"
            label={t("leaseForm.idleCpu")}
            step={0.1}
            description={t("leaseForm.idleCpuHint")}
          />
          <NumberField control={control} name="idle.days" id="idle-days" label={t("leaseForm.idleDays")} />
        </div>
        <Controller
          control={control}
          name="policy.paused"
          render={({ field }) => (
            <Field orientation="horizontal">
              <Checkbox id="lease-paused" checked={field.value} onCheckedChange={field.onChange} />
              <FieldLabel htmlFor="lease-paused" className="font-normal">
                {t("leaseForm.paused")}
              </FieldLabel>
            </Field>
          )}
        />
        <Controller
          control={control}
          name="policy.dryRun"
          render={({ field }) => (
            <Field orientation="horizontal">
              <Checkbox id="lease-dry-run" checked={field.value} onCheckedChange={field.onChange} />
              <FieldLabel htmlFor="lease-dry-run" className="font-normal">
                {t("leaseForm.dryRun")}
              </FieldLabel>
            </Field>
          )}
        />
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={!canChange || pending}>
          {t("leaseForm.save")}
        </Button>
      </FieldGroup>
    </form>
  );
}
