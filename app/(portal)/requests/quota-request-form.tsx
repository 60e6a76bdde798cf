"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import { ProjectSelect } from "@/components/project-select";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { quotaApprovalInput } from "@/lib/approvals/approval-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import type { Quota } from "@/lib/quotas/quota";
import { askQuotaApprovalAction } from "./actions";
import { ReasonField } from "./reason-field";

/** Asks for a permanently higher quota, starting from the one in force. */
export function QuotaRequestForm({
  current,
  projects,
}: {
  current: Quota;
  projects: { id: string; name: string }[];
}) {
  const t = useTranslations("requests.quotaForm");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(quotaApprovalInput, zodParseOptions(locale)),
    defaultValues: { quota: current, reason: "", projectId: undefined as string | undefined },
  });
  const { run, pending, error } = useActionRunner({
    form,
    refresh: true,
    success: t("asked"),
  });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-4"
        aria-label={t("form")}
        onSubmit={form.handleSubmit((values) => run(() => askQuotaApprovalAction(values)))}
      >
        <ProjectSelect id="quota-for" projects={projects} />
        <QuotaFields idPrefix="ask" />
        <ReasonField id="quota-reason" />
        <FieldError>{error}</FieldError>
        <div>
          <Button type="submit" disabled={pending}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
