"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { snapshotRequestSchema } from "@/lib/vms/vm-inputs";
import { createSnapshotAction, deleteSnapshotAction, rollbackSnapshotAction } from "../actions";

export interface SnapshotView {
  name: string;
  description: string;
  takenAt: string | null;
}

export function SnapshotsCard({
  vmId,
  snapshots,
  remaining,
}: {
  vmId: string;
  snapshots: SnapshotView[] | null;
  remaining: number;
}) {
  const t = useTranslations("vmPage.snapshots");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(snapshotRequestSchema, zodParseOptions(locale)),
    defaultValues: { name: "", description: "" },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { remaining })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {snapshots === null ? (
          <p className="text-sm text-muted-foreground">{t("unavailable")}</p>
        ) : snapshots.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={t("title")}>
            {snapshots.map((snapshot) => (
              <li key={snapshot.name} className="flex flex-wrap items-center gap-3 p-3">
                <div className="min-w-0 flex-1">
                  <div className="font-medium">{snapshot.name}</div>
                  <div className="text-xs text-muted-foreground">
                    {snapshot.takenAt ?? ""} {snapshot.description}
                  </div>
                </div>
                <Button
                  size="sm"
                  variant="outline"
                  disabled={pending}
                  onClick={() =>
                    run(() => rollbackSnapshotAction({ vmId, name: snapshot.name }), {
                      success: t("rolledBack", { name: snapshot.name }),
                    })
                  }
                >
                  {t("rollBack")}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={pending}
                  onClick={() =>
                    run(() => deleteSnapshotAction({ vmId, name: snapshot.name }), {
                      success: t("deleted", { name: snapshot.name }),
                    })
                  }
                >
                  {t("delete")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          noValidate
          className="flex flex-wrap items-start gap-3"
          onSubmit={form.handleSubmit((values) =>
            run(() => createSnapshotAction({ vmId, ...values }), {
              success: ({ name }) => t("taken", { name }),
              onSuccess: () => form.reset(),
            }),
          )}
        >
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="w-auto gap-1.5">
                <FieldLabel htmlFor="snapshot-name">{t("name")}</FieldLabel>
                <Input
                  {...field}
                  id="snapshot-name"
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
              <Field data-invalid={fieldState.invalid} className="w-auto flex-1 gap-1.5">
                <FieldLabel htmlFor="snapshot-description">{t("descriptionLabel")}</FieldLabel>
                <Input {...field} id="snapshot-description" aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Button type="submit" className="mt-6" disabled={pending || remaining <= 0}>
            {t("take")}
          </Button>
        </form>
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
