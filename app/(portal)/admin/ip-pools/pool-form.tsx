"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { type PoolFormFields, poolFormSchema, poolFromForm } from "@/lib/ipam/pool-definition";
import { deletePoolAction, savePoolAction } from "./actions";

const emptyPool: PoolFormFields = {
  networkId: "",
  cidr: "",
  gateway: "",
  rangeStart: "",
  rangeEnd: "",
  dnsServers: "",
  domain: "",
};

// Examples, not words: the same in every language.
const textFields: { key: Exclude<keyof PoolFormFields, "networkId">; example: string }[] = [
  { key: "cidr", example: "10.20.0.0/24" },
  { key: "gateway", example: "10.20.0.1" },
  { key: "rangeStart", example: "10.20.0.10" },
  { key: "rangeEnd", example: "10.20.0.250" },
  { key: "dnsServers", example: "10.20.0.2, 10.20.0.3" },
  { key: "domain", example: "lab.example.org" },
];

/** Adds a pool (no id) or edits one; a pool stays on the network it was made for. */
export function PoolForm({
  id,
  initial,
  networks,
  canChange,
}: {
  id?: string;
  initial?: PoolFormFields;
  networks: { id: string; label: string }[];
  canChange: boolean;
}) {
  const t = useTranslations("adminIpPools.form");
  const locale = useLocale();
  const router = useRouter();
  const form = useForm({
    resolver: zodResolver(poolFormSchema, zodParseOptions(locale)),
    defaultValues: initial ?? { ...emptyPool, networkId: networks[0]?.id ?? "" },
  });
  const { run, pending, error } = useActionRunner({ form });
  const prefix = id ? `pool-${id}` : "new-pool";
  return (
    <form
      noValidate
      className="grid gap-3"
      aria-label={id ? t("settingsLabel") : t("newLabel")}
      onSubmit={form.handleSubmit((fields) =>
        run(() => savePoolAction({ id, pool: poolFromForm(fields) }), {
          success: id ? t("saved") : t("added"),
          onSuccess: (saved) => {
            if (!id) router.push(`/admin/ip-pools/${saved.id}`);
          },
        }),
      )}
    >
      <div className="grid items-start gap-3 sm:grid-cols-2">
        <Controller
          control={form.control}
          name="networkId"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="gap-1.5">
              <FieldLabel htmlFor={`${prefix}-network`}>{t("network")}</FieldLabel>
              <NativeSelect
                {...field}
                id={`${prefix}-network`}
                disabled={Boolean(id)}
                aria-invalid={fieldState.invalid}
              >
                {networks.map((network) => (
                  <NativeSelectOption key={network.id} value={network.id}>
                    {network.label}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        {textFields.map((text) => (
          <Controller
            key={text.key}
            control={form.control}
            name={text.key}
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor={`${prefix}-${text.key}`}>{t(`fields.${text.key}`)}</FieldLabel>
                <Input
                  {...field}
                  id={`${prefix}-${text.key}`}
                  placeholder={text.example}
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        ))}
      </div>
      <FieldError>{error}</FieldError>
      <div className="flex gap-2">
        <Button type="submit" disabled={!canChange || pending || networks.length === 0}>
          {id ? t("save") : t("add")}
        </Button>
        {id && (
          <Button
            type="button"
            variant="outline"
            disabled={!canChange || pending}
            onClick={() =>
              run(() => deletePoolAction({ id }), {
                success: t("removed"),
                onSuccess: () => router.push("/admin/ip-pools"),
              })
            }
          >
            {t("remove")}
          </Button>
        )}
      </div>
    </form>
  );
}
