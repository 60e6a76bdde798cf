"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
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
import { createClusterAction, updateClusterAction } from "./actions";
import { ConnectionTest } from "./connection-test";

export interface ClusterFormInitial {
  name: string;
  apiUrls: string[];
  tokenId: string;
  tls: TlsMode;
  fingerprint: string;
  caPem: string;
}

const empty: ClusterFormInitial = {
  name: "",
  apiUrls: [],
  tokenId: "",
  tls: "fingerprint",
  fingerprint: "",
  caPem: "",
};

const tlsChoices: { value: TlsMode; label: string; hint: string }[] = [
  {
    value: "fingerprint",
    label: "Pin the certificate",
    hint: "Its SHA-256 fingerprint (pvenode cert info).",
  },
  { value: "ca", label: "Private CA", hint: "The CA certificate that signed the nodes' certificates." },
  { value: "system", label: "Public CAs", hint: "The certificate is signed by a CA browsers trust." },
  {
    value: "insecure",
    label: "Do not check (discouraged)",
    hint: "Anyone on the network path can read the token.",
  },
];

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
  const router = useRouter();
  const form = useForm<ClusterFormValues, unknown, ClusterFormOutput>({
    resolver: zodResolver(clusterFormSchema),
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
      success: ({ secretReplaced }) =>
        secretReplaced ? "Saved, with the new secret." : "Saved; the stored secret is kept.",
      onSuccess: () => form.resetField("tokenSecret"),
      refresh: true,
    });
  });

  return (
    <form
      noValidate
      className="max-w-2xl"
      aria-label={clusterId ? "Cluster settings" : "New cluster"}
      onSubmit={save}
    >
      <FieldGroup className="gap-4">
        <Controller
          control={form.control}
          name="name"
          render={({ field, fieldState }) => (
            <Field data-invalid={fieldState.invalid}>
              <FieldLabel htmlFor="cluster-name">Name</FieldLabel>
              <Input
                {...field}
                id="cluster-name"
                placeholder="Lab cluster"
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
              <FieldLabel htmlFor="cluster-urls">API URLs</FieldLabel>
              <Textarea
                {...field}
                id="cluster-urls"
                className="font-mono text-xs"
                aria-invalid={fieldState.invalid}
              />
              <FieldDescription>One per line, tried in order: https://pve1.example.org:8006</FieldDescription>
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
                <FieldLabel htmlFor="cluster-token-id">API token id</FieldLabel>
                <Input
                  {...field}
                  id="cluster-token-id"
                  placeholder="roost@pve!portal"
                  aria-invalid={fieldState.invalid}
                />
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
                <FieldLabel htmlFor="cluster-token-secret">API token secret</FieldLabel>
                <Input
                  {...field}
                  id="cluster-token-secret"
                  type="password"
                  autoComplete="new-password"
                  placeholder={clusterId ? "stored — leave empty to keep" : "xxxxxxxx-xxxx-…"}
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
                Certificate check
              </FieldLegend>
              <RadioGroup
                name={field.name}
                value={field.value}
                onValueChange={field.onChange}
                className="gap-2"
              >
                {tlsChoices.map((choice) => (
                  <Field key={choice.value} orientation="horizontal">
                    <RadioGroupItem value={choice.value} id={`cluster-tls-${choice.value}`} />
                    <FieldLabel htmlFor={`cluster-tls-${choice.value}`} className="font-normal">
                      {choice.label} <span className="text-xs text-muted-foreground">— {choice.hint}</span>
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
                <FieldLabel htmlFor="cluster-fingerprint">SHA-256 fingerprint</FieldLabel>
                <Input
                  {...field}
                  id="cluster-fingerprint"
                  className="font-mono text-xs"
                  placeholder="AA:BB:CC:…"
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
                <FieldLabel htmlFor="cluster-ca">CA certificate (PEM)</FieldLabel>
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
        <FieldError>{error}</FieldError>
        <ConnectionTest form={form} clusterId={clusterId} disabled={!canChange}>
          <Button type="submit" disabled={!canChange || pending}>
            {clusterId ? "Save" : "Add cluster"}
          </Button>
        </ConnectionTest>
      </FieldGroup>
    </form>
  );
}
