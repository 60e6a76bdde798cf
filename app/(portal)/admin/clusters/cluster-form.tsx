"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TlsMode } from "@/lib/clusters/cluster-settings";
import type { ConnectionTest } from "@/lib/clusters/test-connection";
import { createClusterAction, testClusterConnectionAction, updateClusterAction } from "./actions";
import { ConnectionResult } from "./connection-result";

export interface ClusterFormValues {
  name: string;
  apiUrls: string[];
  tokenId: string;
  tls: TlsMode;
  fingerprint: string;
  caPem: string;
}

const empty: ClusterFormValues = {
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

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string[];
  children: ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
      {error?.map((message) => (
        <p key={message} className="text-xs text-destructive">
          {message}
        </p>
      ))}
    </div>
  );
}

/** Adds a cluster (no clusterId) or edits one; a stored secret is never sent here, only whether one exists. */
export function ClusterForm({
  clusterId,
  initial = empty,
  canChange,
}: {
  clusterId?: string;
  initial?: ClusterFormValues;
  canChange: boolean;
}) {
  const router = useRouter();
  const [form, setForm] = useState({ ...initial, apiUrls: initial.apiUrls.join("\n"), tokenSecret: "" });
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<Extract<ActionResult, { ok: false }> | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const values = () => ({
    ...form,
    apiUrls: form.apiUrls.split(/\s+/),
    fingerprint: form.tls === "fingerprint" ? form.fingerprint : "",
    caPem: form.tls === "ca" ? form.caPem : "",
  });
  const textarea = "min-h-16 rounded-md border bg-transparent px-3 py-2 font-mono text-xs";

  return (
    <form
      className="grid max-w-2xl gap-4"
      aria-label={clusterId ? "Cluster settings" : "New cluster"}
      onSubmit={(event) => {
        event.preventDefault();
        start(async () => {
          setSaved(null);
          if (clusterId) {
            const result = await updateClusterAction({ ...values(), clusterId });
            setFailure(result.ok ? null : result);
            if (!result.ok) return;
            setForm({ ...form, tokenSecret: "" });
            setSaved(
              result.data.secretReplaced
                ? "Saved, with the new secret."
                : "Saved; the stored secret is kept.",
            );
            router.refresh();
          } else {
            const result = await createClusterAction(values());
            setFailure(result.ok ? null : result);
            if (result.ok) router.push(`/admin/clusters/${result.data.id}`);
          }
        });
      }}
    >
      <Field id="cluster-name" label="Name" error={failure?.fieldErrors?.name}>
        <Input id="cluster-name" value={form.name} onChange={set("name")} placeholder="Lab cluster" />
      </Field>
      <Field
        id="cluster-urls"
        label="API URLs"
        hint="One per line, tried in order: https://pve1.example.org:8006"
        error={failure?.fieldErrors?.apiUrls}
      >
        <textarea id="cluster-urls" className={textarea} value={form.apiUrls} onChange={set("apiUrls")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="cluster-token-id"
          label="API token id"
          hint="user@realm!tokenid"
          error={failure?.fieldErrors?.tokenId}
        >
          <Input
            id="cluster-token-id"
            value={form.tokenId}
            onChange={set("tokenId")}
            placeholder="roost@pve!portal"
          />
        </Field>
        <Field id="cluster-token-secret" label="API token secret" error={failure?.fieldErrors?.tokenSecret}>
          <Input
            id="cluster-token-secret"
            type="password"
            autoComplete="new-password"
            value={form.tokenSecret}
            onChange={set("tokenSecret")}
            placeholder={clusterId ? "stored — leave empty to keep" : "xxxxxxxx-xxxx-…"}
          />
        </Field>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Certificate check</legend>
        {tlsChoices.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="cluster-tls"
              className="mt-1"
              checked={form.tls === choice.value}
              onChange={() => setForm({ ...form, tls: choice.value })}
            />
            <span>
              {choice.label} <span className="text-xs text-muted-foreground">— {choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {form.tls === "fingerprint" && (
        <Field id="cluster-fingerprint" label="SHA-256 fingerprint" error={failure?.fieldErrors?.fingerprint}>
          <Input
            id="cluster-fingerprint"
            className="font-mono text-xs"
            value={form.fingerprint}
            onChange={set("fingerprint")}
            placeholder="AA:BB:CC:…"
          />
        </Field>
      )}
      {form.tls === "ca" && (
        <Field id="cluster-ca" label="CA certificate (PEM)" error={failure?.fieldErrors?.caPem}>
          <textarea
            id="cluster-ca"
            className={`${textarea} min-h-32`}
            value={form.caPem}
            onChange={set("caPem")}
          />
        </Field>
      )}
      {failure && (
        <p role="alert" className="text-sm text-destructive">
          {failure.error}
        </p>
      )}
      {saved && (
        <p role="status" className="text-sm text-muted-foreground">
          {saved}
        </p>
      )}
      {test && <ConnectionResult result={test} />}
      <div className="flex gap-2">
        <Button type="submit" disabled={!canChange || pending}>
          {clusterId ? "Save" : "Add cluster"}
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={!canChange || pending}
          onClick={() =>
            start(async () => {
              setTest(null);
              const result = await testClusterConnectionAction({ ...values(), clusterId: clusterId ?? "" });
              setTest(
                result.ok
                  ? result.data
                  : { reachable: false, problem: result.error, detail: fieldErrorText(result) },
              );
            })
          }
        >
          {pending ? "Working…" : "Test connection"}
        </Button>
      </div>
    </form>
  );
}

function fieldErrorText(result: Extract<ActionResult, { ok: false }>): string {
  return result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : "";
}
