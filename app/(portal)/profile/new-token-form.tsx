"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { useActionRunner } from "@/hooks/use-action-runner";
import { type adminTokenScopes, type TokenInput, tokenInputSchema } from "@/lib/api-tokens/token-input";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { createApiTokenAction } from "./actions";

type AdminScope = (typeof adminTokenScopes)[number];

const scopeChoices = ["read", "operate", "manage"] as const;

export interface TokenLifetime {
  defaultDays: number;
  maxDays: number;
}

/** Makes a token; `onCreated` gets the token, which the server never shows again. */
export function NewTokenForm({
  lifetime,
  highestAdminScope,
  onCreated,
}: {
  lifetime: TokenLifetime;
  /** The strongest admin scope the person's role may hold; null hides the choice. */
  highestAdminScope: AdminScope | null;
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const t = useTranslations("profile.newToken");
  const locale = useLocale();
  const defaults = {
    name: "",
    scope: "read",
    adminScope: undefined,
    expiresInDays: lifetime.defaultDays,
  } as const;
  const form = useForm<z.input<typeof tokenInputSchema>, unknown, TokenInput>({
    resolver: zodResolver(tokenInputSchema, zodParseOptions(locale)),
    defaultValues: defaults,
  });
  const adminScope = useWatch({ control: form.control, name: "adminScope" });
  const { run, pending, error } = useActionRunner({ form });

  return (
    <form
      noValidate
      aria-label={t("formLabel")}
      onSubmit={form.handleSubmit((values) =>
        run(() => createApiTokenAction(values), {
          onSuccess: (created) => {
            form.reset(defaults);
            onCreated(created);
          },
        }),
      )}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="token-name">{t("name")}</FieldLabel>
                <Input
                  {...field}
                  id="token-name"
                  placeholder={t("namePlaceholder")}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <NumberField
            control={form.control}
            name="expiresInDays"
            id="token-expiry"
            label={t("expiresAfter")}
            description={t("atMost", { days: lifetime.maxDays })}
          />
        </div>
        <Controller
          control={form.control}
          name="scope"
          render={({ field, fieldState }) => (
            <FieldSet data-invalid={fieldState.invalid}>
              <FieldLegend variant="label" className="mb-1">
                {t("scope")}
              </FieldLegend>
              <RadioGroup
                name={field.name}
                value={field.value}
                onValueChange={field.onChange}
                className="gap-2"
              >
                {scopeChoices.map((choice) => (
                  <Field key={choice} orientation="horizontal">
                    <RadioGroupItem value={choice} id={`token-scope-${choice}`} />
                    <FieldLabel htmlFor={`token-scope-${choice}`} className="font-normal">
                      {t.rich(`scopes.${choice}`, {
                        hint: (chunks) => <span className="text-xs text-muted-foreground">{chunks}</span>,
                      })}
                    </FieldLabel>
                  </Field>
                ))}
              </RadioGroup>
              <FieldError errors={[fieldState.error]} />
            </FieldSet>
          )}
        />
        {highestAdminScope && (
          <Controller
            control={form.control}
            name="adminScope"
            render={({ field, fieldState }) => (
              <div className="flex flex-wrap items-center gap-3">
                <Field orientation="horizontal" data-invalid={fieldState.invalid} className="w-auto">
                  <Checkbox
                    id="token-admin"
                    checked={field.value !== undefined}
                    onCheckedChange={(checked) => field.onChange(checked === true ? "admin:read" : undefined)}
                    aria-invalid={fieldState.invalid}
                  />
                  <FieldLabel htmlFor="token-admin" className="font-normal">
                    {t("adminToo")}
                  </FieldLabel>
                </Field>
                {adminScope && highestAdminScope === "admin:write" && (
                  <NativeSelect
                    aria-label={t("adminAccess")}
                    value={field.value}
                    onChange={(event) => field.onChange(event.target.value as AdminScope)}
                  >
                    <NativeSelectOption value="admin:read">{t("adminRead")}</NativeSelectOption>
                    <NativeSelectOption value="admin:write">{t("adminWrite")}</NativeSelectOption>
                  </NativeSelect>
                )}
                <FieldError errors={[fieldState.error]} />
              </div>
            )}
          />
        )}
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </Button>
      </FieldGroup>
    </form>
  );
}
