"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { FieldError, FieldGroup } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { apiTokenSettingsInput } from "@/lib/settings/settings-inputs";
import { saveApiTokenSettingsAction } from "./actions";

type ApiTokenSettings = z.output<typeof apiTokenSettingsInput>;

export function ApiTokenSettingsForm({
  initial,
  canChange,
}: {
  initial: ApiTokenSettings;
  canChange: boolean;
}) {
  const t = useTranslations("adminSettings");
  const locale = useLocale();
  const form = useForm<z.input<typeof apiTokenSettingsInput>, unknown, ApiTokenSettings>({
    resolver: zodResolver(apiTokenSettingsInput, zodParseOptions(locale)),
    defaultValues: initial,
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved") });
  return (
    <form
      noValidate
      aria-label={t("tokenForm.label")}
      onSubmit={form.handleSubmit((values) => run(() => saveApiTokenSettingsAction(values)))}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            control={form.control}
            name="defaultDays"
            id="api-tokens-default-days"
            label={t("tokenForm.defaultDays")}
          />
          <NumberField
            control={form.control}
            name="maxDays"
            id="api-tokens-max-days"
            label={t("tokenForm.maxDays")}
            description={t("tokenForm.maxDaysHint")}
          />
        </div>
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={!canChange || pending}>
          {t("tokenForm.save")}
        </Button>
      </FieldGroup>
    </form>
  );
}
