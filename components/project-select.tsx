"use client";

import { useTranslations } from "next-intl";
import { Controller, useFormContext } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";

/** "For: me / project X" — shown only to people who may create in a project. */
export function ProjectSelect({ id, projects }: { id: string; projects: { id: string; name: string }[] }) {
  const t = useTranslations("components.projectSelect");
  const { control } = useFormContext<{ projectId?: string }>();
  if (projects.length === 0) return null;
  return (
    <Controller
      control={control}
      name="projectId"
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className="sm:max-w-sm">
          <FieldLabel htmlFor={id}>{t("label")}</FieldLabel>
          <NativeSelect
            id={id}
            value={field.value ?? ""}
            onChange={(event) => field.onChange(event.target.value || undefined)}
          >
            <NativeSelectOption value="">{t("me")}</NativeSelectOption>
            {projects.map((project) => (
              <NativeSelectOption key={project.id} value={project.id}>
                {t("project", { name: project.name })}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}
