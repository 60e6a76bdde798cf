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
import { clearUserQuotaAction, setUserQuotaAction } from "../actions";

export function QuotaOverrideForm({
  userId,
  initial,
  hasOverride,
  canChange,
}: {
  userId: string;
  initial: Quota;
  hasOverride: boolean;
  canChange: boolean;
}) {
  const t = useTranslations("adminUsers.override");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(quotaInput, zodParseOptions(locale)),
    defaultValues: { quota: initial },
  });
  const { run, pending, error } = useActionRunner({ form });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-3"
        aria-label={t("label")}
        onSubmit={form.handleSubmit((values) =>
          run(() => setUserQuotaAction({ userId, ...values }), { success: t("saved") }),
        )}
      >
        <QuotaFields idPrefix="override" />
        <FieldError>{error}</FieldError>
        <div className="flex gap-2">
          <Button type="submit" disabled={!canChange || pending}>
            {t("save")}
          </Button>
          {hasOverride && (
            <Button
              type="button"
              variant="outline"
              disabled={!canChange || pending}
              onClick={() =>
                run(() => clearUserQuotaAction({ userId }), {
                  success: t("removed"),
                })
              }
            >
              {t("remove")}
            </Button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}
