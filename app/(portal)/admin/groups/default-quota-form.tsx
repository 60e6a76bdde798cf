"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { type Quota, quotaInput } from "@/lib/quotas/quota";
import { saveDefaultQuotaAction } from "./actions";

export function DefaultQuotaForm({ initial, canChange }: { initial: Quota; canChange: boolean }) {
  const t = useTranslations("adminGroups.defaultQuota");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(quotaInput, zodParseOptions(locale)),
    defaultValues: { quota: initial },
  });
  const { run, pending, error } = useActionRunner({ form, success: t("saved") });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-3"
        aria-label={t("title")}
        onSubmit={form.handleSubmit((values) => run(() => saveDefaultQuotaAction(values)))}
      >
        <QuotaFields idPrefix="default" />
        <FieldError>{error}</FieldError>
        <div>
          <Button type="submit" disabled={!canChange || pending}>
            {t("save")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
