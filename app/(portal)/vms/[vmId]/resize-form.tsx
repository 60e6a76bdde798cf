"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { FormProvider, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FieldGroup } from "@/components/ui/field";
import { VmSizeFields } from "@/components/vm-size-fields";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { vmResizeSchema, withSizeLimits } from "@/lib/vms/vm-inputs";
import type { SizeLimits, VmSize } from "@/lib/vms/vm-size";
import { resizeVmAction } from "../actions";

export function ResizeForm({ vmId, size, limits }: { vmId: string; size: VmSize; limits: SizeLimits }) {
  const t = useTranslations("vmPage.resize");
  const locale = useLocale();
  // Disks never shrink, so the smallest disk on offer is the one the VM has.
  const bounds = { ...limits, minDiskGb: Math.max(limits.minDiskGb, size.diskGb) };
  const form = useForm({
    resolver: zodResolver(withSizeLimits(vmResizeSchema, bounds), zodParseOptions(locale)),
    defaultValues: size,
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const resize = (values: VmSize) =>
    run(() => resizeVmAction({ vmId, ...values }), {
      success: ({ pendingUntilReboot }) => (pendingUntilReboot.length ? t("savedAtReboot") : t("saved")),
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <FormProvider {...form}>
          <form noValidate onSubmit={form.handleSubmit(resize)}>
            <FieldGroup className="gap-4">
              <VmSizeFields idPrefix="resize" limits={bounds} />
              <FieldError>{error}</FieldError>
              <Button type="submit" variant="outline" disabled={pending} className="w-fit">
                {t("apply")}
              </Button>
            </FieldGroup>
          </form>
        </FormProvider>
      </CardContent>
    </Card>
  );
}
