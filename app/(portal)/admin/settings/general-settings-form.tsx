"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { withItemErrors } from "@/components/item-errors";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useActionRunner } from "@/hooks/use-action-runner";
import { generalSettingsForm, type generalSettingsInput } from "@/lib/settings/settings-inputs";
import { saveGeneralSettingsAction } from "./actions";

type GeneralSettings = z.output<typeof generalSettingsInput>;

export function GeneralSettingsForm({
  initial,
  canChange,
}: {
  initial: GeneralSettings;
  canChange: boolean;
}) {
  const form = useForm<z.input<typeof generalSettingsForm>, unknown, GeneralSettings>({
    resolver: zodResolver(generalSettingsForm),
    defaultValues: { ...initial, ignoredPools: initial.ignoredPools.join(", ") },
  });
  const { run, pending, error } = useActionRunner({ form, success: "Saved." });
  return (
    <form
      noValidate
      aria-label="General settings"
      onSubmit={form.handleSubmit((values) => run(() => saveGeneralSettingsAction(values)))}
    >
      <FieldGroup className="gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="portalName"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="portal-name">Portal name</FieldLabel>
                <Input {...field} id="portal-name" aria-invalid={fieldState.invalid} />
                <FieldDescription>In page titles and e-mail.</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <Controller
            control={form.control}
            name="ignoredPools"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1.5">
                <FieldLabel htmlFor="ignored-pools">Ignored pools</FieldLabel>
                <Input {...field} id="ignored-pools" aria-invalid={fieldState.invalid} />
                <FieldDescription>Proxmox pools the portal never touches (comma-separated).</FieldDescription>
                <FieldError errors={withItemErrors(fieldState.error)} />
              </Field>
            )}
          />
          <NumberField
            control={form.control}
            name="console.concurrentPerUser"
            id="console-limit"
            label="Open consoles per person"
          />
        </div>
        <FieldError>{error}</FieldError>
        <Button type="submit" className="w-fit" disabled={!canChange || pending}>
          Save general settings
        </Button>
      </FieldGroup>
    </form>
  );
}
