"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { ClassTimesFields } from "@/components/class-times-fields";
import { IdleStopFields } from "@/components/idle-stop-fields";
import { Button } from "@/components/ui/button";
import { FieldError, FieldGroup } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { type ClassSettingsInput, classSettingsInput } from "@/lib/cohorts/class-settings-input";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { saveClassSettingsAction } from "../actions";

type ClassSettings = z.output<typeof classSettingsInput>;

/** A made class's times and idle stop, for its teacher and admins. */
export function ClassSettingsForm({
  cohortId,
  initial,
  inherit,
}: {
  cohortId: string;
  initial: ClassSettingsInput;
  inherit: "project" | "portal";
}) {
  const t = useTranslations("cohorts.settings");
  const locale = useLocale();
  const form = useForm<ClassSettingsInput, unknown, ClassSettings>({
    resolver: zodResolver(classSettingsInput, zodParseOptions(locale)),
    defaultValues: initial,
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true, success: t("saved") });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={t("label")}
        onSubmit={form.handleSubmit((values) => run(() => saveClassSettingsAction({ cohortId, ...values })))}
      >
        <FieldGroup className="gap-6">
          <ClassTimesFields />
          <IdleStopFields idPrefix={`class-${cohortId}`} inherit={inherit} />
          <FieldError>{error}</FieldError>
          <Button type="submit" className="w-fit" disabled={pending}>
            {t("save")}
          </Button>
        </FieldGroup>
      </form>
    </FormProvider>
  );
}
