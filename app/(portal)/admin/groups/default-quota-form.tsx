"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm } from "react-hook-form";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { useActionRunner } from "@/hooks/use-action-runner";
import { type Quota, quotaInput } from "@/lib/quotas/quota";
import { saveDefaultQuotaAction } from "./actions";

export function DefaultQuotaForm({ initial, canChange }: { initial: Quota; canChange: boolean }) {
  const form = useForm({ resolver: zodResolver(quotaInput), defaultValues: { quota: initial } });
  const { run, pending, error } = useActionRunner({ form, success: "Saved." });
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-3"
        aria-label="Default quota"
        onSubmit={form.handleSubmit((values) => run(() => saveDefaultQuotaAction(values)))}
      >
        <QuotaFields idPrefix="default" />
        <FieldError>{error}</FieldError>
        <div>
          <Button type="submit" disabled={!canChange || pending}>
            Save default quota
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
