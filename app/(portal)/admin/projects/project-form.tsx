"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { IdleStopFields } from "@/components/idle-stop-fields";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { type ProjectInput, type ProjectValues, projectInput } from "@/lib/projects/project-inputs";
import type { Quota } from "@/lib/quotas/quota";
import { createProjectAction, updateProjectAction } from "./actions";

const newProjectQuota: Quota = {
  vms: 5,
  cores: 16,
  memoryMb: 32_768,
  diskGb: 500,
  snapshots: 20,
  backups: 20,
  backupGb: 200,
};

/** A number of days where an empty box means "the portal's" (null), not a mistake. */
function OptionalDaysField({
  name,
  id,
  label,
  description,
}: {
  name: "leaseLengthDays" | "leaseMaxDays";
  id: string;
  label: string;
  description: string;
}) {
  return (
    <Controller<ProjectInput, typeof name>
      name={name}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className="gap-1.5">
          <FieldLabel htmlFor={id}>{label}</FieldLabel>
          <Input
            id={id}
            name={field.name}
            ref={field.ref}
            onBlur={field.onBlur}
            type="number"
            min={1}
            step={1}
            aria-invalid={fieldState.invalid}
            value={field.value ?? ""}
            onChange={(event) =>
              field.onChange(event.target.value === "" ? null : event.target.valueAsNumber)
            }
          />
          <FieldDescription>{description}</FieldDescription>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}

/** Creates a project (no `initial`) or edits one; after creating, the admin lands on its page. */
export function ProjectForm({
  initial,
  portalLease,
  canChange,
}: {
  initial?: ProjectValues & { id: string };
  /** The portal's lease policy, which empty lease fields follow. */
  portalLease: { lengthDays: number; maxDays: number };
  canChange: boolean;
}) {
  const t = useTranslations("adminProjects.form");
  const locale = useLocale();
  const router = useRouter();
  const form = useForm<ProjectInput, unknown, ProjectValues>({
    resolver: zodResolver(projectInput, zodParseOptions(locale)),
    defaultValues: {
      name: initial?.name ?? "",
      description: initial?.description ?? "",
      quota: initial?.quota ?? newProjectQuota,
      leaseLengthDays: initial?.leaseLengthDays ?? null,
      leaseMaxDays: initial?.leaseMaxDays ?? null,
      idpGroup: initial?.idpGroup ?? "",
      groupRole: initial?.groupRole ?? "operator",
      idleStop: initial?.idleStop ?? null,
    },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: Boolean(initial) });
  const prefix = initial ? `project-${initial.id}` : "new-project";
  const { control } = form;
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-4"
        aria-label={initial ? t("project", { name: initial.name }) : t("newProject")}
        onSubmit={form.handleSubmit((values) =>
          initial
            ? run(() => updateProjectAction({ ...values, projectId: initial.id }), { success: t("saved") })
            : run(() => createProjectAction(values), {
                success: t("created", { name: values.name }),
                onSuccess: ({ id }) => router.push(`/admin/projects/${id}`),
              }),
        )}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Controller
            control={control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-name`}>{t("name")}</FieldLabel>
                <Input
                  {...field}
                  id={`${prefix}-name`}
                  placeholder={t("namePlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="description"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5 sm:row-span-2">
                <FieldLabel htmlFor={`${prefix}-description`}>{t("description")}</FieldLabel>
                <Textarea
                  {...field}
                  id={`${prefix}-description`}
                  rows={3}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t("quotaLegend")}</legend>
          <QuotaFields idPrefix={prefix} />
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-2">
          <OptionalDaysField
            name="leaseLengthDays"
            id={`${prefix}-lease-length`}
            label={t("leaseLength")}
            description={t("leaseLengthHint", { days: portalLease.lengthDays })}
          />
          <OptionalDaysField
            name="leaseMaxDays"
            id={`${prefix}-lease-max`}
            label={t("leaseMax")}
            description={t("leaseMaxHint", { days: portalLease.maxDays })}
          />
          <Controller
            control={control}
            name="idpGroup"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-group`}>{t("idpGroup")}</FieldLabel>
                <Input
                  {...field}
                  value={field.value ?? ""}
                  id={`${prefix}-group`}
                  placeholder={t("idpGroupPlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldDescription>{t("idpGroupHint")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="groupRole"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-group-role`}>{t("groupRole")}</FieldLabel>
                <NativeSelect {...field} id={`${prefix}-group-role`} aria-invalid={fieldState.invalid}>
                  <NativeSelectOption value="owner">{t("roles.owner")}</NativeSelectOption>
                  <NativeSelectOption value="operator">{t("roles.operator")}</NativeSelectOption>
                  <NativeSelectOption value="viewer">{t("roles.viewer")}</NativeSelectOption>
                </NativeSelect>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        </div>
        <IdleStopFields idPrefix={prefix} inherit="portal" />
        <FieldError>{error}</FieldError>
        <div>
          <Button type="submit" disabled={!canChange || pending}>
            {initial ? t("save") : t("create")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
