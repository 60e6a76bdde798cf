"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { vmLimitsInput } from "@/lib/catalog/catalog-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { saveVmLimitsAction } from "./actions";

type Limits = z.output<typeof vmLimitsInput>["limits"];

const limitFields: (keyof Limits)[] = [
  "minCores",
  "maxCores",
  "minMemoryMb",
  "maxMemoryMb",
  "minDiskGb",
  "maxDiskGb",
  "maxNics",
  "maxDisks",
];

export function VmLimitsForm({ initial, canChange }: { initial: Limits; canChange: boolean }) {
  const t = useTranslations("adminCatalog.limits");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(vmLimitsInput, zodParseOptions(locale)),
    defaultValues: { limits: initial },
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved"), refresh: true });
  return (
    <form
      noValidate
      aria-label={t("formLabel")}
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) => run(() => saveVmLimitsAction(values)))}
    >
      <div className="grid items-start gap-3 sm:grid-cols-4">
        {limitFields.map((key) => (
          <NumberField
            key={key}
            control={form.control}
            name={`limits.${key}`}
            id={`limit-${key}`}
            label={t(`fields.${key}`)}
            className="gap-1"
          />
        ))}
      </div>
      <FieldError>{error ?? form.formState.errors.limits?.message}</FieldError>
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
