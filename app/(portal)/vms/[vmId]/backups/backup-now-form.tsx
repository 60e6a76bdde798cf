"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { backupNowSchema } from "@/lib/backups/backup-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { backupNowAction } from "./actions";
import type { BackupTarget } from "./backup-item";

export function BackupNowForm({
  vmId,
  targets,
  disabled,
}: {
  vmId: string;
  targets: BackupTarget[];
  /** A backup of this VM is being made. */
  disabled: boolean;
}) {
  const t = useTranslations("vmPage.backups.now");
  const locale = useLocale();
  const first = targets[0]!;
  const form = useForm({
    resolver: zodResolver(backupNowSchema, zodParseOptions(locale)),
    defaultValues: { vmId, storageId: first.id, mode: first.modes[0] ?? "snapshot", note: "" },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const storageId = form.watch("storageId");
  const modes = targets.find((target) => target.id === storageId)?.modes ?? [];
  return (
    <form
      noValidate
      aria-label={t("submit")}
      className="flex flex-wrap items-start gap-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => backupNowAction(values), {
          success: t("started"),
          onSuccess: () => form.reset({ ...values, note: "" }),
        }),
      )}
    >
      <Controller
        control={form.control}
        name="note"
        render={({ field, fieldState }) => (
          <Field data-invalid={fieldState.invalid} className="w-auto flex-1 gap-1.5">
            <FieldLabel htmlFor="backup-note">{t("note")}</FieldLabel>
            <Input
              {...field}
              id="backup-note"
              placeholder={t("notePlaceholder")}
              aria-invalid={fieldState.invalid}
            />
            <FieldError errors={[fieldState.error]} />
          </Field>
        )}
      />
      {targets.length > 1 && (
        <Controller
          control={form.control}
          name="storageId"
          render={({ field }) => (
            <Field className="w-auto gap-1.5">
              <FieldLabel htmlFor="backup-storage">{t("storage")}</FieldLabel>
              <NativeSelect {...field} id="backup-storage">
                {targets.map((target) => (
                  <NativeSelectOption key={target.id} value={target.id}>
                    {target.label}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </Field>
          )}
        />
      )}
      {modes.length > 1 && (
        <Controller
          control={form.control}
          name="mode"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-auto gap-1.5">
              <FieldLabel htmlFor="backup-mode">{t("mode")}</FieldLabel>
              <NativeSelect {...field} id="backup-mode">
                {modes.map((mode) => (
                  <NativeSelectOption key={mode} value={mode}>
                    {mode}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
      )}
      <Button type="submit" className="mt-6" disabled={pending || disabled}>
        {t("submit")}
      </Button>
      <FieldError className="w-full">{error}</FieldError>
    </form>
  );
}
