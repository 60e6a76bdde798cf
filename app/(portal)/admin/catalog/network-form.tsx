"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { networkDetails } from "@/lib/catalog/catalog-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { addNetworkAction } from "./actions";

export function NetworkForm({ clusterId, canChange }: { clusterId: string; canChange: boolean }) {
  const t = useTranslations("adminCatalog.networks");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(networkDetails, zodParseOptions(locale)),
    defaultValues: { bridge: "", vlan: null as number | null, label: "" },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  return (
    <form
      noValidate
      aria-label={t("formLabel")}
      className="grid gap-2"
      onSubmit={form.handleSubmit((values) =>
        run(() => addNetworkAction({ clusterId, ...values }), {
          success: t("approved", { label: values.label }),
          onSuccess: () => form.reset(),
        }),
      )}
    >
      <div className="flex flex-wrap items-start gap-2">
        <Controller
          control={form.control}
          name="bridge"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-28 gap-1">
              <FieldLabel htmlFor="network-bridge">{t("bridge")}</FieldLabel>
              <Input {...field} id="network-bridge" aria-invalid={fieldState.invalid} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="vlan"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-28 gap-1">
              <FieldLabel htmlFor="network-vlan">{t("vlan")}</FieldLabel>
              <Input
                id="network-vlan"
                name={field.name}
                ref={field.ref}
                onBlur={field.onBlur}
                type="number"
                placeholder={t("noVlan")}
                aria-invalid={fieldState.invalid}
                value={field.value === null || Number.isNaN(field.value) ? "" : field.value}
                // An empty box is no tag; anything else must be a valid one.
                onChange={(event) =>
                  field.onChange(event.target.value === "" ? null : event.target.valueAsNumber)
                }
              />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="label"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="w-56 gap-1">
              <FieldLabel htmlFor="network-label">{t("label")}</FieldLabel>
              <Input {...field} id="network-label" aria-invalid={fieldState.invalid} />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Button type="submit" size="sm" className="mt-6" disabled={!canChange || pending}>
          {t("add")}
        </Button>
      </div>
      <FieldError>{error}</FieldError>
    </form>
  );
}
