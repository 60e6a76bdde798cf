"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { message } from "@/lib/i18n/message";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { saveBackupLifecycleAction } from "./actions";

// The setting's own schema (lib/settings/registry.ts) bounds the same; this one says so in words.
const lifecycleForm = z.object({
  keepDaysAfterDelete: z
    .number({ error: message("adminBackups.lifecycle.errors.number") })
    .int(message("adminBackups.lifecycle.errors.whole"))
    .min(0, message("adminBackups.lifecycle.errors.min"))
    .max(3650, message("adminBackups.lifecycle.errors.max")),
});

export function LifecycleForm({
  initial,
  canChange,
}: {
  initial: { keepDaysAfterDelete: number };
  canChange: boolean;
}) {
  const t = useTranslations("adminBackups.lifecycle");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(lifecycleForm, zodParseOptions(locale)),
    defaultValues: initial,
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved"), refresh: true });
  return (
    <form
      noValidate
      aria-label={t("title")}
      className="flex flex-wrap items-start gap-3"
      onSubmit={form.handleSubmit((values) => run(() => saveBackupLifecycleAction(values)))}
    >
      <NumberField
        control={form.control}
        name="keepDaysAfterDelete"
        id="backup-keep-days"
        label={t("keepDays")}
        description={t("keepDaysHint")}
        className="w-72 gap-1.5"
      />
      <Button type="submit" size="sm" className="mt-6" disabled={!canChange || pending}>
        {t("save")}
      </Button>
      <FieldError className="w-full">{error}</FieldError>
    </form>
  );
}
