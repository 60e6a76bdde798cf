"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { ProjectSelect } from "@/components/project-select";
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
import { zodParseOptions } from "@/lib/i18n/zod-errors";
import { type VmRequest, vmRequestSchema, withSizeLimits } from "@/lib/vms/vm-inputs";
import type { SizeLimits } from "@/lib/vms/vm-size";
import { createVmAction } from "../actions";
import { AskApprovalCard } from "./ask-approval-card";
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
  projects,
}: {
  templates: TemplateChoice[];
  limits: SizeLimits;
  keyCount: number;
  networks: { id: string; label: string }[];
  /** Where the person may create besides for themselves: projects they own or operate in. */
  projects: { id: string; name: string }[];
}) {
  const t = useTranslations("createVm");
  const locale = useLocale();
  const form = useForm({
    resolver: zodResolver(withSizeLimits(vmRequestSchema, limits), zodParseOptions(locale)),
    defaultValues: {
      templateId: templates[0]?.id ?? "",
      networkId: networks[0]?.id,
      projectId: undefined as string | undefined,
      name: "",
      cores: Math.min(2, limits.maxCores),
      memoryMb: Math.min(2048, limits.maxMemoryMb),
      diskGb: Math.max(limits.minDiskGb, templates[0]?.minDiskGb ?? 0, 20),
    },
  });
  const { run, pending, error } = useActionRunner({ form });
  const [created, setCreated] = useState<CreatedVm | null>(null);
  const [refused, setRefused] = useState<VmRequest | null>(null);
  const [asked, setAsked] = useState(false);

  if (created) return <CreatedVmCard created={created} keyCount={keyCount} />;
  if (refused && asked) return <AskApprovalCard request={refused} asked onAsked={() => {}} />;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={form.handleSubmit(async (values) => {
          setRefused(null);
          const result = await run(() => createVmAction(values), { onSuccess: setCreated });
          // Of the create's refusals only the quota's is a conflict (409); that one can be asked past.
          if (!result.ok && result.status === 409) setRefused(values);
        })}
      >
        <FieldGroup className="gap-6">
          <ProjectSelect id="vm-for" projects={projects} />
          <Controller
            control={form.control}
            name="templateId"
            render={({ field, fieldState }) => (
              <FieldSet data-invalid={fieldState.invalid}>
                <FieldLegend>{t("template.legend")}</FieldLegend>
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
                            {t.rich("template.details", {
                              os: template.os,
                              user: template.defaultUser,
                              minDiskGb: template.minDiskGb,
                              code: (chunks) => <code>{chunks}</code>,
                            })}
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
                <FieldLabel htmlFor="vm-name">{t("name.label")}</FieldLabel>
                {/* i18n-ignore: an example hostname, the same in every language */}
                <Input {...field} id="vm-name" placeholder="web-1" aria-invalid={fieldState.invalid} />
                <FieldDescription className="text-xs">{t("name.help")}</FieldDescription>
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
          <VmSizeFields idPrefix="vm" limits={limits} />
          <NetworkSelect networks={networks} />
          <p className="text-sm text-muted-foreground">
            {keyCount > 0 ? t("keys.some", { count: keyCount }) : t("keys.none")}
          </p>
          <FieldError>{error}</FieldError>
          <div>
            <Button type="submit" disabled={pending || templates.length === 0}>
              {pending ? t("creating") : t("submit")}
            </Button>
          </div>
        </FieldGroup>
      </form>
      {refused && <AskApprovalCard request={refused} asked={false} onAsked={() => setAsked(true)} />}
    </FormProvider>
  );
}
