"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldError, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { type BackupCompression, type BackupMode, backupCompressions, backupModes } from "@/db/schema";
import { useActionRunner } from "@/hooks/use-action-runner";
import { backupStorageSchema } from "@/lib/backups/backup-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { saveBackupStorageAction } from "./actions";

export interface StorageFormValues {
  clusterId: string;
  storage: string;
  label: string;
  modes: BackupMode[];
  compress: BackupCompression;
  enabled: boolean;
}

/** Approves a storage for members' backups, or changes what an approved one allows. */
export function StorageForm({
  initial,
  type,
  approved,
  canChange,
}: {
  initial: StorageFormValues;
  /** Proxmox's storage type; only `pbs` allows single-file restore, and compresses on its own. */
  type: string;
  approved: boolean;
  canChange: boolean;
}) {
  const t = useTranslations("adminBackups.storage");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(backupStorageSchema, zodParseOptions(locale)),
    defaultValues: initial,
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const id = `backup-storage-${initial.storage}`;
  return (
    <form
      noValidate
      aria-label={t(approved ? "label" : "approveLabel", { storage: initial.storage })}
      className="grid gap-3 rounded-md border border-dashed p-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => saveBackupStorageAction(values), {
          success: approved ? t("saved") : t("approved", { label: values.label }),
        }),
      )}
    >
      <div className="text-sm font-medium">
        {initial.storage}{" "}
        <span className="text-muted-foreground">
          {type === "pbs" ? t("typeWithFileRestore", { type }) : t("type", { type })}
        </span>
      </div>
      <div className="grid items-start gap-3 sm:grid-cols-3">
        <Controller
          control={form.control}
          name="label"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="gap-1">
              <FieldLabel htmlFor={`${id}-label`}>{t("labelField")}</FieldLabel>
              <Input {...field} id={`${id}-label`} aria-invalid={fieldState.invalid} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="modes"
          render={({ field, fieldState }) => (
            <FieldSet data-invalid={fieldState.invalid} className="gap-1">
              <FieldLegend variant="label">{t("modes")}</FieldLegend>
              <div className="flex gap-3">
                {backupModes.map((mode) => (
                  <Field key={mode} orientation="horizontal" className="w-auto gap-1.5">
                    <Checkbox
                      id={`${id}-mode-${mode}`}
                      checked={field.value.includes(mode)}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          checked ? [...field.value, mode] : field.value.filter((each) => each !== mode),
                        )
                      }
                    />
                    <FieldLabel htmlFor={`${id}-mode-${mode}`}>{t("mode", { mode })}</FieldLabel>
                  </Field>
                ))}
              </div>
              <FieldError errors={[fieldState.error]} />
            </FieldSet>
          )}
        />
        <Controller
          control={form.control}
          name="compress"
          render={({ field }) => (
            <Field className="gap-1">
              <FieldLabel htmlFor={`${id}-compress`}>{t("compression")}</FieldLabel>
              <NativeSelect {...field} id={`${id}-compress`} disabled={type === "pbs"}>
                {backupCompressions.map((value) => (
                  <NativeSelectOption key={value} value={value}>
                    {t(`compressions.${value === "0" ? "none" : value}`)}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </Field>
          )}
        />
      </div>
      {approved && (
        <Controller
          control={form.control}
          name="enabled"
          render={({ field }) => (
            <Field orientation="horizontal" className="w-auto gap-1.5">
              <Checkbox
                id={`${id}-enabled`}
                checked={field.value}
                onCheckedChange={(checked) => field.onChange(checked === true)}
              />
              <FieldLabel htmlFor={`${id}-enabled`}>{t("offered")}</FieldLabel>
            </Field>
          )}
        />
      )}
      <FieldError>{error}</FieldError>
      <div>
        <Button
          type="submit"
          size="sm"
          variant={approved ? "outline" : "default"}
          disabled={!canChange || pending}
        >
          {approved ? t("save") : t("approve")}
        </Button>
      </div>
    </form>
  );
}
