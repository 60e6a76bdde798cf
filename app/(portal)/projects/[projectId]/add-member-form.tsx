"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { memberInput } from "@/lib/projects/project-inputs";
import { addProjectMemberAction } from "../actions";

export function AddMemberForm({ projectId }: { projectId: string }) {
  const t = useTranslations("projects");
  const locale = useLocale();
  const form = useForm<z.input<typeof memberInput>, unknown, z.output<typeof memberInput>>({
    resolver: zodResolver(memberInput, zodParseOptions(locale)),
    defaultValues: { person: "", role: "operator" },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const { control } = form;
  return (
    <form
      noValidate
      aria-label={t("members.add.form")}
      className="grid gap-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => addProjectMemberAction({ projectId, ...values }), {
          success: t("members.add.added", { person: values.person }),
          onSuccess: () => form.reset({ person: "", role: values.role }),
        }),
      )}
    >
      <div className="flex flex-wrap items-start gap-3">
        <Controller
          control={control}
          name="person"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-72 gap-1.5">
              <FieldLabel htmlFor="add-member-person">{t("members.add.person")}</FieldLabel>
              <Input {...field} id="add-member-person" autoComplete="off" aria-invalid={fieldState.invalid} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={control}
          name="role"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-fit gap-1.5">
              <FieldLabel htmlFor="add-member-role">{t("members.add.role")}</FieldLabel>
              <NativeSelect {...field} id="add-member-role" aria-invalid={fieldState.invalid}>
                <NativeSelectOption value="owner">{t("roleOption.owner")}</NativeSelectOption>
                <NativeSelectOption value="operator">{t("roleOption.operator")}</NativeSelectOption>
                <NativeSelectOption value="viewer">{t("roleOption.viewer")}</NativeSelectOption>
              </NativeSelect>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Button type="submit" className="mt-6" disabled={pending}>
          {t("members.add.submit")}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </form>
  );
}
