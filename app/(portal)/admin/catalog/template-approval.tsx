"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { TemplateCandidate } from "@/lib/catalog/catalog-candidates";
import { templateDetails } from "@/lib/catalog/catalog-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { approveTemplateAction } from "./actions";

const textFields = ["label", "os", "defaultUser"] as const;

function TemplateRow({ candidate, canChange }: { candidate: TemplateCandidate; canChange: boolean }) {
  const t = useTranslations("adminCatalog.templates");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(templateDetails, zodParseOptions(locale)),
    defaultValues: {
      label: candidate.label,
      os: candidate.os,
      defaultUser: candidate.defaultUser,
      minDiskGb: candidate.minDiskGb,
      cloneMode: "full" as "full" | "linked",
    },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const { clusterId, node, vmid } = candidate;
  const id = `template-${vmid}`;
  return (
    <form
      noValidate
      aria-label={t("approveLabel", { name: candidate.name })}
      className="grid gap-2 rounded-md border border-dashed p-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => approveTemplateAction({ clusterId, node, vmid, ...values }), {
          success: t("approved", { label: values.label }),
        }),
      )}
    >
      <div className="text-sm font-medium">
        {t.rich("candidate", {
          name: candidate.name,
          vmid,
          node,
          where: (chunks) => <span className="text-muted-foreground">{chunks}</span>,
        })}
      </div>
      <div className="grid items-start gap-2 sm:grid-cols-5">
        {textFields.map((name) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1">
                <FieldLabel htmlFor={`${id}-${name}`}>{t(`fields.${name}`)}</FieldLabel>
                <Input {...field} id={`${id}-${name}`} aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        ))}
        <NumberField
          control={form.control}
          name="minDiskGb"
          id={`${id}-disk`}
          label={t("fields.minDisk")}
          className="gap-1"
        />
        <Controller
          control={form.control}
          name="cloneMode"
          render={({ field }) => (
            <Field className="gap-1">
              <FieldLabel htmlFor={`${id}-clone`}>{t("fields.clone")}</FieldLabel>
              <NativeSelect {...field} id={`${id}-clone`}>
                <NativeSelectOption value="full">{t("cloneFull")}</NativeSelectOption>
                <NativeSelectOption value="linked">{t("cloneLinked")}</NativeSelectOption>
              </NativeSelect>
            </Field>
          )}
        />
      </div>
      <FieldError>{error}</FieldError>
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          {t("approve")}
        </Button>
      </div>
    </form>
  );
}

export function TemplateApproval({
  candidates,
  canChange,
}: {
  candidates: TemplateCandidate[];
  canChange: boolean;
}) {
  const t = useTranslations("adminCatalog.templates");
  if (candidates.length === 0) return <p className="text-sm text-muted-foreground">{t("allApproved")}</p>;
  return (
    <div className="grid gap-3">
      <h3 className="text-sm font-semibold">{t("candidates")}</h3>
      {candidates.map((candidate) => (
        <TemplateRow key={candidate.vmid} candidate={candidate} canChange={canChange} />
      ))}
    </div>
  );
}
