"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { message } from "@/lib/i18n/message";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { shareRequestSchema } from "@/lib/shares/share-input";
import { revokeShareAction, shareVmAction } from "./sharing-actions";

export interface ShareItem {
  id: string;
  label: string;
  detail: string;
  role: "operator" | "viewer";
  status: "live" | "expired" | "invited";
  /** The last day the share works; null for no end. */
  through: string | null;
}

// The date field gives "" when left empty; the request has no end then.
const formSchema = shareRequestSchema.extend({
  until: z.union([z.literal(""), z.iso.date(message("vmPage.sharing.pickDay"))]),
});

export function SharingPanel({ vmId, shares }: { vmId: string; shares: ShareItem[] }) {
  const t = useTranslations("vmPage.sharing");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(formSchema, zodParseOptions(locale)),
    defaultValues: { person: "", role: "viewer" as const, until: "" },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {shares.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="divide-y rounded-md border" aria-label={t("shares")}>
            {shares.map((share) => (
              <li key={share.id} className="flex flex-wrap items-center gap-3 p-3">
                <div className="min-w-0 flex-1">
                  <div className="font-medium">{share.label}</div>
                  <div className="text-xs text-muted-foreground">
                    {share.detail}
                    {share.detail && " · "}
                    {share.through ? t("through", { day: share.through }) : t("noEnd")}
                  </div>
                </div>
                <Badge variant="outline">{t("role", { role: share.role })}</Badge>
                <Badge variant={share.status === "live" ? "secondary" : "outline"}>
                  {t("status", { status: share.status })}
                </Badge>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={pending}
                  onClick={() =>
                    run(() => revokeShareAction({ vmId, shareId: share.id }), {
                      success: ({ recipient }) => t("revoked", { recipient }),
                    })
                  }
                >
                  {t("revoke")}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          noValidate
          className="flex flex-wrap items-start gap-3"
          onSubmit={form.handleSubmit((values) =>
            run(() => shareVmAction({ vmId, ...values, until: values.until || undefined }), {
              success: ({ recipient, change, invited }) =>
                change === "updated"
                  ? t("changed", { recipient })
                  : invited
                    ? t("invited", { recipient })
                    : t("shared", { recipient }),
              onSuccess: () => form.reset(),
            }),
          )}
        >
          <Controller
            control={form.control}
            name="person"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="w-auto flex-1 gap-1.5">
                <FieldLabel htmlFor="share-person">{t("person")}</FieldLabel>
                <Input
                  {...field}
                  id="share-person"
                  placeholder={t("personPlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="role"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="w-auto gap-1.5">
                <FieldLabel htmlFor="share-role">{t("roleLabel")}</FieldLabel>
                <NativeSelect {...field} id="share-role" aria-invalid={fieldState.invalid}>
                  <NativeSelectOption value="viewer">{t("viewer")}</NativeSelectOption>
                  <NativeSelectOption value="operator">{t("operator")}</NativeSelectOption>
                </NativeSelect>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="until"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="w-auto gap-1.5">
                <FieldLabel htmlFor="share-until">{t("until")}</FieldLabel>
                <Input {...field} id="share-until" type="date" aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Button type="submit" className="mt-6" disabled={pending}>
            {t("share")}
          </Button>
        </form>
        <FieldError>{error}</FieldError>
      </CardContent>
    </Card>
  );
}
