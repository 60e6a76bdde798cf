"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { withItemErrors } from "@/components/item-errors";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { localeNames, locales } from "@/lib/i18n/locales";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { generalSettingsForm, type generalSettingsInput } from "@/lib/settings/settings-inputs";
import { saveGeneralSettingsAction } from "./actions";

type GeneralSettings = z.output<typeof generalSettingsInput>;

export function GeneralSettingsForm({
  initial,
  canChange,
}: {
  initial: GeneralSettings;
  canChange: boolean;
}) {
  const t = useTranslations("adminSettings");
  const locale = useLocale();
  const form = useForm<z.input<typeof generalSettingsForm>, unknown, GeneralSettings>({
    resolver: zodResolver(generalSettingsForm, zodParseOptions(locale)),
    defaultValues: { ...initial, ignoredPools: initial.ignoredPools.join(", ") },
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved") });
  return (
    <form
      noValidate
      aria-label={t("generalForm.label")}
      onSubmit={form.handleSubmit((values) => run(() => saveGeneralSettingsAction(values)))}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="portalName"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="portal-name">{t("generalForm.portalName")}</FieldLabel>
                <Input {...field} id="portal-name" aria-invalid={fieldState.invalid} />
                <FieldDescription>{t("generalForm.portalNameHint")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="ignoredPools"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="ignored-pools">{t("generalForm.ignoredPools")}</FieldLabel>
                <Input {...field} id="ignored-pools" aria-invalid={fieldState.invalid} />
                <FieldDescription>{t("generalForm.ignoredPoolsHint")}</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={form.control}
            name="console.concurrentPerUser"
            id="console-limit"
            label={t("generalForm.consoles")}
          />
          <Controller
            control={form.control}
            name="locale"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="portal-locale">{t("generalForm.locale")}</FieldLabel>
                <NativeSelect {...field} id="portal-locale" aria-invalid={fieldState.invalid}>
                  {locales.map((code) => (
                    <NativeSelectOption key={code} value={code} lang={code}>
                      {localeNames[code]}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <FieldDescription>{t("generalForm.localeHint")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        </div>
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={!canChange || pending}>
          {t("generalForm.save")}
        </Button>
      </FieldGroup>
    </form>
  );
}
