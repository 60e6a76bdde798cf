"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import {
  Field,
  FieldContent,
  FieldDescription,
  FieldError,
  FieldGroup,
  FieldLabel,
  FieldLegend,
  FieldSet,
  FieldTitle,
} from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { VmSizeFields } from "@/components/vm-size-fields";
import { useActionRunner } from "@/hooks/use-action-runner";
import { vmRequestSchema, withSizeLimits } from "@/lib/vms/vm-inputs";
import type { SizeLimits } from "@/lib/vms/vm-size";
import { createVmAction } from "../actions";
import { type CreatedVm, CreatedVmCard } from "./created-vm-card";
import { NetworkSelect } from "./network-select";

export interface TemplateChoice {
  id: string;
  label: string;
  os: string;
  defaultUser: string;
  minDiskGb: number;
}

export function CreateVmForm({
  templates,
  limits,
  keyCount,
  networks,
}: {
  templates: TemplateChoice[];
  limits: SizeLimits;
  keyCount: number;
  networks: { id: string; label: string }[];
}) {
  const form = useForm({
    resolver: zodResolver(withSizeLimits(vmRequestSchema, limits)),
    defaultValues: {
      templateId: templates[0]?.id ?? "",
      networkId: networks[0]?.id,
      name: "",
      cores: Math.min(2, limits.maxCores),
      memoryMb: Math.min(2048, limits.maxMemoryMb),
      diskGb: Math.max(limits.minDiskGb, templates[0]?.minDiskGb ?? 0, 20),
    },
  });
  const { run, pending, error } = useActionRunner({ form });
  const [created, setCreated] = useState<CreatedVm | null>(null);

  if (created) return <CreatedVmCard created={created} keyCount={keyCount} />;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => run(() => createVmAction(values), { onSuccess: setCreated }))}
      >
        <FieldGroup className="gap-6">
          <Controller
            control={form.control}
            name="templateId"
            render={({ field, fieldState }) => (
              <FieldSet data-invalid={fieldState.invalid}>
                <FieldLegend>Template</FieldLegend>
                <RadioGroup
                  name={field.name}
                  value={field.value}
                  onValueChange={field.onChange}
                  className="sm:grid-cols-2"
                  aria-invalid={fieldState.invalid}
                >
                  {templates.map((template) => (
                    <FieldLabel
                      key={template.id}
                      htmlFor={`template-${template.id}`}
                      className="cursor-pointer"
                    >
                      <Field orientation="horizontal">
                        <FieldContent>
                          <FieldTitle>{template.label}</FieldTitle>
                          <FieldDescription className="text-xs">
                            {template.os} · user <code>{template.defaultUser}</code> · at least{" "}
                            {template.minDiskGb} GiB
                          </FieldDescription>
                        </FieldContent>
                        <RadioGroupItem value={template.id} id={`template-${template.id}`} />
                      </Field>
                    </FieldLabel>
                  ))}
                </RadioGroup>
                <FieldError errors={[fieldState.error]} />
              </FieldSet>
            )}
          />
          <Controller
            control={form.control}
            name="name"
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="sm:max-w-sm">
                <FieldLabel htmlFor="vm-name">Name</FieldLabel>
                <Input {...field} id="vm-name" placeholder="web-1" aria-invalid={fieldState.invalid} />
                <FieldDescription className="text-xs">
                  Letters, digits and hyphens; it becomes the hostname.
                </FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <VmSizeFields idPrefix="vm" limits={limits} />
          <NetworkSelect networks={networks} />
          <p className="text-sm text-muted-foreground">
            {keyCount > 0
              ? `Your ${keyCount} SSH key${keyCount === 1 ? "" : "s"} will be installed.`
              : "You have no SSH keys; add some on your profile to sign in without a password."}
          </p>
          <FieldError>{error}</FieldError>
          <div>
            <Button type="submit" disabled={pending || templates.length === 0}>
              {pending ? "Creating…" : "Create VM"}
            </Button>
          </div>
        </FieldGroup>
      </form>
    </FormProvider>
  );
}
