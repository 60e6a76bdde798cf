"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { ClassTimesFields } from "@/components/class-times-fields";
import { IdleStopFields } from "@/components/idle-stop-fields";
import { TimeZoneField } from "@/components/time-zone-field";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { VmSizeFields } from "@/components/vm-size-fields";
import { useActionRunner } from "@/hooks/use-action-runner";
import { type NewCohortInput, newCohortInput } from "@/lib/cohorts/class-times";
import { slugFromName } from "@/lib/cohorts/cohort-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import type { SizeLimits } from "@/lib/vms/vm-size";
import { createCohortAction } from "../actions";

type CohortValues = z.output<typeof newCohortInput>;

const inWeeks = (weeks: number) => new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);

/** Makes a class: its template and size, whose quota it counts in, its roster, its end and its idle stop. */
export function CohortForm({
  templates,
  projects,
  personalAllowed,
  limits,
  timeZones,
}: {
  templates: { id: string; label: string; minDiskGb: number }[];
  /** Projects the person owns: a class may count in one of them. */
  projects: { id: string; name: string }[];
  /** Admins may make a class whose VMs count in each student's own quota. */
  personalAllowed: boolean;
  limits: SizeLimits;
  timeZones: string[];
}) {
  const router = useRouter();
  const t = useTranslations("cohorts.new");
  const locale = useLocale();
  const form = useForm<NewCohortInput, unknown, CohortValues>({
    resolver: zodResolver(newCohortInput, zodParseOptions(locale)),
    defaultValues: {
      name: "",
      templateId: templates[0]?.id ?? "",
      cores: Math.min(1, limits.maxCores),
      memoryMb: Math.min(1024, limits.maxMemoryMb),
      diskGb: Math.max(limits.minDiskGb, templates[0]?.minDiskGb ?? 0, 10),
      projectId: personalAllowed ? undefined : projects[0]?.id,
      ownership: personalAllowed ? "student" : "project",
      roster: "",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      endsAt: inWeeks(12),
      idleStop: null,
      schedule: { slots: [], allowOutside: true },
    },
  });
  const [rosterKind, setRosterKind] = useState<"csv" | "group">("csv");
  const { run, pending, error } = useActionRunner({ form });
  const { control, watch, setValue } = form;
  const name = watch("name");
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-6"
        aria-label={t("title")}
        onSubmit={form.handleSubmit((values) =>
          run(
            () =>
              createCohortAction({
                ...values,
                slug: values.slug || undefined,
                roster: rosterKind === "csv" ? values.roster : undefined,
                rosterGroup: rosterKind === "group" ? values.rosterGroup : undefined,
              }),
            {
              success: ({ seats }) => t("created", { name: values.name, seats }),
              onSuccess: ({ id }) => router.push(`/cohorts/${id}`),
            },
          ),
        )}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cohort-name">{t("name")}</FieldLabel>
                <Input
                  {...field}
                  id="cohort-name"
                  placeholder={t("namePlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="slug"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cohort-slug">{t("prefix")}</FieldLabel>
                <Input
                  {...field}
                  value={field.value ?? ""}
                  id="cohort-slug"
                  placeholder={name ? slugFromName(name) : t("prefixPlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldDescription>{t("prefixHelp")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="templateId"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cohort-template">{t("template")}</FieldLabel>
                <NativeSelect {...field} id="cohort-template" aria-invalid={fieldState.invalid}>
                  {templates.map((template) => (
                    <NativeSelectOption key={template.id} value={template.id}>
                      {template.label}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={control}
            name="projectId"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cohort-quota">{t("countsIn")}</FieldLabel>
                <NativeSelect
                  id="cohort-quota"
                  value={field.value ?? ""}
                  onChange={(event) => {
                    field.onChange(event.target.value || undefined);
                    setValue("ownership", event.target.value ? "project" : "student");
                  }}
                >
                  {personalAllowed && <NativeSelectOption value="">{t("ownQuota")}</NativeSelectOption>}
                  {projects.map((project) => (
                    <NativeSelectOption key={project.id} value={project.id}>
                      {t("projectQuota", { name: project.name })}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <FieldError errors={[fieldState.error, form.formState.errors.ownership]} />
              </Field>
            )}
          />
        </div>
        <VmSizeFields idPrefix="cohort" limits={limits} />
        <fieldset className="grid gap-3">
          <legend className="mb-2 text-sm font-medium">{t("students")}</legend>
          <div className="flex gap-4 text-sm" role="radiogroup" aria-label={t("rosterFrom")}>
            {(["csv", "group"] as const).map((kind) => (
              <label key={kind} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="roster-kind"
                  checked={rosterKind === kind}
                  onChange={() => setRosterKind(kind)}
                />
                {t(kind)}
              </label>
            ))}
          </div>
          {rosterKind === "csv" ? (
            <Controller
              control={control}
              name="roster"
              render={({ field, fieldState }) => (
                <Field data-invalid={fieldState.invalid}>
                  <FieldLabel htmlFor="cohort-roster-file">{t("rosterFile")}</FieldLabel>
                  <Input
                    id="cohort-roster-file"
                    type="file"
                    accept=".csv,text/csv,text/plain"
                    onChange={async (event) => field.onChange((await event.target.files?.[0]?.text()) ?? "")}
                  />
                  <FieldLabel htmlFor="cohort-roster">{t("roster")}</FieldLabel>
                  <Textarea
                    {...field}
                    value={field.value ?? ""}
                    id="cohort-roster"
                    rows={5}
                    placeholder={t("rosterPlaceholder")}
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldDescription>{t("rosterHelp")}</FieldDescription>
                  <FieldError errors={[fieldState.error]} />
                </Field>
              )}
            />
          ) : (
            <Controller
              control={control}
              name="rosterGroup"
              render={({ field, fieldState }) => (
                <Field data-invalid={fieldState.invalid} className="sm:max-w-sm">
                  <FieldLabel htmlFor="cohort-group">{t("groupLabel")}</FieldLabel>
                  <Input
                    {...field}
                    value={field.value ?? ""}
                    id="cohort-group"
                    placeholder={t("groupPlaceholder")}
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldDescription>{t("groupHelp")}</FieldDescription>
                  <FieldError errors={[fieldState.error, form.formState.errors.roster]} />
                </Field>
              )}
            />
          )}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={control}
            name="endsAt"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cohort-ends">{t("endOfTerm")}</FieldLabel>
                <Input
                  id="cohort-ends"
                  type="date"
                  name={field.name}
                  ref={field.ref}
                  onBlur={field.onBlur}
                  value={typeof field.value === "string" ? field.value : ""}
                  onChange={(event) => field.onChange(event.target.value)}
                  aria-invalid={fieldState.invalid}
                />
                <FieldDescription>{t("endOfTermHelp")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <TimeZoneField
            control={control}
            name="timeZone"
            id="cohort-zone"
            label={t("timeZone")}
            timeZones={timeZones}
          />
        </div>
        <ClassTimesFields />
        <IdleStopFields idPrefix="cohort" inherit={watch("projectId") ? "project" : "portal"} />
        <FieldError>{error}</FieldError>
        <div>
          <Button type="submit" disabled={pending || templates.length === 0}>
            {t("create")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
