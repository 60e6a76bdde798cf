"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { QuotaFields } from "@/components/quota-fields";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { Role } from "@/db/schema";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { groupInput } from "@/lib/quotas/group-input";
import type { Quota } from "@/lib/quotas/quota";
import { deleteGroupAction, saveGroupAction } from "./actions";

const newGroupQuota: Quota = {
  vms: 3,
  cores: 8,
  memoryMb: 16_384,
  diskGb: 200,
  snapshots: 10,
  backups: 10,
  backupGb: 100,
};

/** Adds a group (no `initial`) or edits one; a group's name is its key, so it is fixed once saved. */
export function GroupForm({
  initial,
  canChange,
}: {
  initial?: { id: string; name: string; description: string | null; role: Role | null; quota: Quota };
  canChange: boolean;
}) {
  const t = useTranslations("adminGroups.form");
  const locale = useLocale();
  const form = useForm<z.input<typeof groupInput>, unknown, z.output<typeof groupInput>>({
    resolver: zodResolver(groupInput, zodParseOptions(locale)),
    defaultValues: {
      name: initial?.name ?? "",
      description: initial?.description ?? "",
      role: initial?.role ?? "",
      quota: initial?.quota ?? newGroupQuota,
    },
  });
  const { run, pending, error } = useActionRunner({ form });
  const prefix = initial ? `group-${initial.id}` : "new-group";
  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-3"
        aria-label={initial ? t("group", { name: initial.name }) : t("newGroup")}
        onSubmit={form.handleSubmit((values) =>
          run(() => saveGroupAction(values), {
            success: initial ? t("saved") : t("added", { name: values.name }),
            onSuccess: () => {
              if (!initial) form.reset();
            },
          }),
        )}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-name`}>{t("name")}</FieldLabel>
                <Input
                  {...field}
                  id={`${prefix}-name`}
                  readOnly={Boolean(initial)}
                  placeholder={t("namePlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="description"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-description`}>{t("description")}</FieldLabel>
                <Input {...field} id={`${prefix}-description`} aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="role"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-role`}>{t("role")}</FieldLabel>
                <NativeSelect
                  {...field}
                  value={field.value ?? ""}
                  id={`${prefix}-role`}
                  aria-invalid={fieldState.invalid}
                >
                  <NativeSelectOption value="">{t("roles.none")}</NativeSelectOption>
                  <NativeSelectOption value="member">{t("roles.member")}</NativeSelectOption>
                  <NativeSelectOption value="auditor">{t("roles.auditor")}</NativeSelectOption>
                  <NativeSelectOption value="admin">{t("roles.admin")}</NativeSelectOption>
                </NativeSelect>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        </div>
        <QuotaFields idPrefix={prefix} />
        <FieldError>{error}</FieldError>
        <div className="flex gap-2">
          <Button type="submit" disabled={!canChange || pending}>
            {initial ? t("save") : t("add")}
          </Button>
          {initial && (
            <Button
              type="button"
              variant="outline"
              disabled={!canChange || pending}
              onClick={() =>
                run(() => deleteGroupAction({ id: initial.id }), {
                  success: t("removed", { name: initial.name }),
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
