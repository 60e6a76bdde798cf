"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { IdleStopFields } from "@/components/idle-stop-fields";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { FieldError, FieldGroup } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { classSettingsInput } from "@/lib/settings/settings-inputs";
import { saveClassSettingsAction } from "./actions";

type ClassSettings = z.output<typeof classSettingsInput>;

/** The portal's idle stop (projects and classes may set their own) and a class batch's clones per storage. */
export function ClassSettingsForm({ initial, canChange }: { initial: ClassSettings; canChange: boolean }) {
  const t = useTranslations("adminSettings");
  const locale = useLocale();
  const form = useForm<z.input<typeof classSettingsInput>, unknown, ClassSettings>({
    resolver: zodResolver(classSettingsInput, zodParseOptions(locale)),
    defaultValues: initial,
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved") });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={t("classForm.label")}
        onSubmit={form.handleSubmit((values) => run(() => saveClassSettingsAction(values)))}
      >
        <FieldGroup className="gap-4">
          <IdleStopFields idPrefix="portal" />
          <NumberField
            control={form.control}
            name="concurrency"
            id="classes-concurrency"
            label={t("classForm.concurrency")}
            description={t("classForm.concurrencyHint")}
            className="gap-1.5 sm:max-w-xs"
          />
          <FieldError>{error}</FieldError>
          <Button type="submit" className="w-fit" disabled={!canChange || pending}>
            {t("classForm.save")}
          </Button>
        </FieldGroup>
      </form>
    </FormProvider>
  );
}
