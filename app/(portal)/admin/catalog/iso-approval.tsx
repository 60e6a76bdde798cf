"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { IsoCandidate } from "@/lib/catalog/catalog-candidates";
import { isoLabel } from "@/lib/catalog/catalog-inputs";
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { approveIsoAction } from "./actions";

function IsoRow({ candidate, canChange }: { candidate: IsoCandidate; canChange: boolean }) {
  const t = useTranslations("adminCatalog.isos");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(isoLabel, zodParseOptions(locale)),
    defaultValues: { label: candidate.volid.replace(/^.*\//, "").replace(/\.iso$/i, "") },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const { clusterId, volid } = candidate;
  return (
    <form
      noValidate
      aria-label={t("approveLabel", { volid })}
      className="flex flex-wrap items-start gap-2"
      onSubmit={form.handleSubmit((values) =>
        run(() => approveIsoAction({ clusterId, volid, ...values }), {
          success: t("approved", { label: values.label }),
        }),
      )}
    >
      <span className="w-64 truncate pt-2 font-mono text-xs">{volid}</span>
      <Controller
        control={form.control}
        name="label"
        render={({ field, fieldState }) => (
          <Field data-invalid={fieldState.invalid} className="w-56 gap-1">
            <Input {...field} aria-label={t("labelFor", { volid })} aria-invalid={fieldState.invalid} />
            <FieldError errors={[fieldState.error]} />
          </Field>
        )}
      />
      <Button type="submit" size="sm" variant="outline" className="mt-0.5" disabled={!canChange || pending}>
        {t("approve")}
      </Button>
      <FieldError className="basis-full">{error}</FieldError>
    </form>
  );
}

export function IsoApproval({ candidates, canChange }: { candidates: IsoCandidate[]; canChange: boolean }) {
  const t = useTranslations("adminCatalog.isos");
  if (candidates.length === 0) return <p className="text-sm text-muted-foreground">{t("allApproved")}</p>;
  return (
    <div className="grid gap-2">
      <h3 className="text-sm font-semibold">{t("candidates")}</h3>
      {candidates.map((candidate) => (
        <IsoRow key={candidate.volid} candidate={candidate} canChange={canChange} />
      ))}
    </div>
  );
}
