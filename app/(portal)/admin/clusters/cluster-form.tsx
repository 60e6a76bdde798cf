"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { withItemErrors } from "@/components/item-errors";
import { Button } from "@/components/ui/button";
import {
  Field,
  FieldDescription,
  FieldError,
  FieldGroup,
  FieldLabel,
  FieldLegend,
  FieldSet,
} from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { useActionRunner } from "@/hooks/use-action-runner";
import {
  type ClusterFormOutput,
  type ClusterFormValues,
  clusterFormSchema,
  type TlsMode,
} from "@/lib/clusters/cluster-settings";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { DEFAULT_NODE_CONCURRENCY } from "@/lib/proxmox/node-lanes";
import { createClusterAction, updateClusterAction } from "./actions";
import { ConnectionTest } from "./connection-test";

export interface ClusterFormInitial {
  name: string;
  apiUrls: string[];
  tokenId: string;
  tls: TlsMode;
  fingerprint: string;
  caPem: string;
  nodeConcurrency: number;
}

const empty: ClusterFormInitial = {
  name: "",
  apiUrls: [],
  tokenId: "",
  tls: "fingerprint",
  fingerprint: "",
  caPem: "",
  nodeConcurrency: DEFAULT_NODE_CONCURRENCY,
};

const tlsChoices: TlsMode[] = ["fingerprint", "ca", "system", "insecure"];

/** Adds a cluster (no clusterId) or edits one; a stored secret is never sent here, only whether one exists. */
export function ClusterForm({
  clusterId,
  initial = empty,
  canChange,
}: {
  clusterId?: string;
  initial?: ClusterFormInitial;
  canChange: boolean;
}) {
  const t = useTranslations("adminClusters.form");
  const locale = useLocale();
  const router = useRouter();
  const form = useForm<ClusterFormValues, unknown, ClusterFormOutput>({
    resolver: zodResolver(clusterFormSchema, zodParseOptions(locale)),
    defaultValues: { ...initial, apiUrls: initial.apiUrls.join("\n"), tokenSecret: "" },
    // The fingerprint or the CA is sent only with the choice that uses it.
    shouldUnregister: true,
  });
  const { run, pending, error } = useActionRunner({ form });
  const tls = form.watch("tls");

  const save = form.handleSubmit(async (values) => {
    if (!clusterId) {
      await run(() => createClusterAction(values), {
        onSuccess: ({ id }) => router.push(`/admin/clusters/${id}`),
      });
      return;
    }
    await run(() => updateClusterAction({ ...values, clusterId }), {
      success: ({ secretReplaced }) => (secretReplaced ? t("savedNewSecret") : t("savedKeptSecret")),
      onSuccess: () => form.resetField("tokenSecret"),
      refresh: true,
    });
  });

  return (
    <form
      noValidate
      className="max-w-2xl"
      aria-label={clusterId ? t("labelEdit") : t("labelNew")}
      onSubmit={save}
    >
      <FieldGroup className="gap-4">
        <Controller
          control={form.control}
          name="name"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid}>
              <FieldLabel htmlFor="cluster-name">{t("name")}</FieldLabel>
              <Input
                {...field}
                id="cluster-name"
                placeholder={t("namePlaceholder")}
                aria-invalid={fieldState.invalid}
              />
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="apiUrls"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid}>
              <FieldLabel htmlFor="cluster-urls">{t("apiUrls")}</FieldLabel>
              <Textarea
                {...field}
                id="cluster-urls"
                className="font-mono text-xs"
                aria-invalid={fieldState.invalid}
              />
              <FieldDescription>
                {t("apiUrlsHint", { example: "https://pve1.example.org:8006" })}
              </FieldDescription>
              <FieldError errors={withItemErrors(fieldState.error)} />
            </Field>
          )}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="tokenId"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cluster-token-id">{t("tokenId")}</FieldLabel>
                <Input
                  {...field}
                  id="cluster-token-id"
                  placeholder="roost@pve!portal" // i18n-ignore: a Proxmox token id
                  aria-invalid={fieldState.invalid}
                />
                {/* i18n-ignore: Proxmox's token id syntax */}
                <FieldDescription>user@realm!tokenid</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="tokenSecret"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cluster-token-secret">{t("tokenSecret")}</FieldLabel>
                <Input
                  {...field}
                  id="cluster-token-secret"
                  type="password"
                  autoComplete="new-password"
                  placeholder={clusterId ? t("tokenSecretStored") : "xxxxxxxx-xxxx-…"} // i18n-ignore: the secret's shape
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        </div>
        <Controller
          control={form.control}
          name="tls"
          render={({ field, fieldState }) => (
            <FieldSet data-invalid={fieldState.invalid}>
              <FieldLegend variant="label" className="mb-1">
                {t("tls")}
              </FieldLegend>
              <RadioGroup
                name={field.name}
                value={field.value}
                onValueChange={field.onChange}
                className="gap-2"
              >
                {tlsChoices.map((choice) => (
                  <Field key={choice} orientation="horizontal">
                    <RadioGroupItem value={choice} id={`cluster-tls-${choice}`} />
                    <FieldLabel htmlFor={`cluster-tls-${choice}`} className="font-normal">
                      {t.rich(`tlsChoices.${choice}`, {
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
        {tls === "fingerprint" && (
          <Controller
            control={form.control}
            name="fingerprint"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cluster-fingerprint">{t("fingerprint")}</FieldLabel>
                <Input
                  {...field}
                  id="cluster-fingerprint"
                  className="font-mono text-xs"
                  placeholder="AA:BB:CC:…" // i18n-ignore: a fingerprint's shape
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        )}
        {tls === "ca" && (
          <Controller
            control={form.control}
            name="caPem"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid}>
                <FieldLabel htmlFor="cluster-ca">{t("caPem")}</FieldLabel>
                <Textarea
                  {...field}
                  id="cluster-ca"
                  className="min-h-32 font-mono text-xs"
                  aria-invalid={fieldState.invalid}
                />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        )}
        <Controller
          control={form.control}
          name="nodeConcurrency"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid} className="max-w-xs">
              <FieldLabel htmlFor="cluster-node-concurrency">{t("nodeConcurrency")}</FieldLabel>
              <Input
                {...field}
                value={field.value === undefined ? "" : String(field.value)}
                id="cluster-node-concurrency"
                type="number"
                inputMode="numeric"
                min={1}
                max={32}
                aria-invalid={fieldState.invalid}
              />
              <FieldDescription>
                {t("nodeConcurrencyHint", { workers: DEFAULT_NODE_CONCURRENCY })}
              </FieldDescription>
              <FieldError errors={[fieldState.error]} />
            </Field>
          )}
        />
        <FieldError>{error}</FieldError>
        <ConnectionTest form={form} clusterId={clusterId} disabled={!canChange}>
          <Button type="submit" disabled={!canChange || pending}>
            {clusterId ? t("save") : t("add")}
          </Button>
        </ConnectionTest>
      </FieldGroup>
    </form>
  );
}
