"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { withItemErrors } from "@/components/item-errors";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { leaseSettingsForm, type leaseSettingsInput } from "@/lib/settings/settings-inputs";
import { saveLeaseSettingsAction } from "./actions";

type LeaseSettings = z.output<typeof leaseSettingsInput>;

export function LeaseSettingsForm({ initial, canChange }: { initial: LeaseSettings; canChange: boolean }) {
  const form = useForm<z.input<typeof leaseSettingsForm>, unknown, LeaseSettings>({
    resolver: zodResolver(leaseSettingsForm),
    defaultValues: {
      policy: {
        ...initial.policy,
        reminderDays: initial.policy.reminderDays.join(", "),
        digestTo: initial.policy.digestTo.join(", "),
      },
      idle: initial.idle,
    },
  });
  const { run, pending, error } = useActionRunner({ form, success: "Saved." });
  const { control } = form;
  return (
    <form
      noValidate
      aria-label="Lease settings"
      onSubmit={form.handleSubmit((values) => run(() => saveLeaseSettingsAction(values)))}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <NumberField
            control={control}
            name="policy.lengthDays"
            id="lease-length"
            label="Lease length (days)"
            description="A new VM's lease, and what a renewal adds."
          />
          <NumberField
            control={control}
            name="policy.maxDays"
            id="lease-max"
            label="Furthest renewal (days from now)"
          />
          <Controller
            control={control}
            name="policy.reminderDays"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="lease-reminders">Reminders (days before the end)</FieldLabel>
                <Input {...field} id="lease-reminders" aria-invalid={fieldState.invalid} />
                <FieldDescription>For example 14, 7, 3, 1</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={control}
            name="policy.graceDays"
            id="lease-grace"
            label="Grace period (days)"
            description="Between the stop at expiry and deletion."
          />
          <Controller
            control={control}
            name="policy.digestTo"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="lease-digest">Daily digest to</FieldLabel>
                <Input {...field} id="lease-digest" aria-invalid={fieldState.invalid} />
                <FieldDescription>E-mail addresses, separated by commas.</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={control}
            name="idle.cpuPercent"
            id="idle-cpu"
            label="Idle below (% CPU)"
            step={0.1}
            description="A VM under this for the days below is marked idle."
          />
          <NumberField
            control={control}
            name="idle.days"
            id="idle-days"
            label="Idle for (days, at most 30)"
          />
        </div>
        <Controller
          control={control}
          name="policy.paused"
          render={({ field }) => (
            <Field orientation="horizontal">
              <Checkbox id="lease-paused" checked={field.value} onCheckedChange={field.onChange} />
              <FieldLabel htmlFor="lease-paused" className="font-normal">
                Pause the sweep (nothing is reminded, stopped or deleted)
              </FieldLabel>
            </Field>
          )}
        />
        <Controller
          control={control}
          name="policy.dryRun"
          render={({ field }) => (
            <Field orientation="horizontal">
              <Checkbox id="lease-dry-run" checked={field.value} onCheckedChange={field.onChange} />
              <FieldLabel htmlFor="lease-dry-run" className="font-normal">
                Dry run (the sweep only reports what it would do, in the digest and the audit log)
              </FieldLabel>
            </Field>
          )}
        />
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={!canChange || pending}>
          Save lease settings
        </Button>
      </FieldGroup>
    </form>
  );
}
