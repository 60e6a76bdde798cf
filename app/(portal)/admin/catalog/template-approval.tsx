"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { NumberField } from "@/components/number-field";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useActionRunner } from "@/hooks/use-action-runner";
import type { TemplateCandidate } from "@/lib/catalog/catalog-candidates";
import { templateDetails } from "@/lib/catalog/catalog-inputs";
import { approveTemplateAction } from "./actions";

const textFields = [
  { name: "label", label: "Label" },
  { name: "os", label: "OS" },
  { name: "defaultUser", label: "Default user" },
] as const;

function TemplateRow({ candidate, canChange }: { candidate: TemplateCandidate; canChange: boolean }) {
  const form = useForm({
    resolver: zodResolver(templateDetails),
    defaultValues: {
      label: candidate.label,
      os: candidate.os,
      defaultUser: candidate.defaultUser,
      minDiskGb: candidate.minDiskGb,
      cloneMode: "full" as "full" | "linked",
    },
  });
  const { run, pending, error } = useActionRunner({ form, refresh: true });
  const { clusterId, node, vmid } = candidate;
  const id = `template-${vmid}`;
  return (
    <form
      noValidate
      aria-label={`Approve template ${candidate.name}`}
      className="grid gap-2 rounded-md border border-dashed p-3"
      onSubmit={form.handleSubmit((values) =>
        run(() => approveTemplateAction({ clusterId, node, vmid, ...values }), {
          success: `${values.label} is now offered to members.`,
        }),
      )}
    >
      <div className="text-sm font-medium">
        {candidate.name}{" "}
        <span className="text-muted-foreground">
          (VM {vmid} on {node})
        </span>
      </div>
      <div className="grid items-start gap-2 sm:grid-cols-5">
        {textFields.map((text) => (
          <Controller
            key={text.name}
            control={form.control}
            name={text.name}
            render={({ field, fieldState }) => (
              <Field data-invalid={fieldState.invalid} className="gap-1">
                <FieldLabel htmlFor={`${id}-${text.name}`}>{text.label}</FieldLabel>
                <Input {...field} id={`${id}-${text.name}`} aria-invalid={fieldState.invalid} />
                <FieldError errors={[fieldState.error]} />
              </Field>
            )}
          />
        ))}
        <NumberField
          control={form.control}
          name="minDiskGb"
          id={`${id}-disk`}
          label="Minimum disk (GiB)"
          className="gap-1"
        />
        <Controller
          control={form.control}
          name="cloneMode"
          render={({ field }) => (
            <Field className="gap-1">
              <FieldLabel htmlFor={`${id}-clone`}>Clone</FieldLabel>
              <NativeSelect {...field} id={`${id}-clone`}>
                <NativeSelectOption value="full">Full</NativeSelectOption>
                <NativeSelectOption value="linked">Linked</NativeSelectOption>
              </NativeSelect>
            </Field>
          )}
        />
      </div>
      <FieldError>{error}</FieldError>
      <div>
        <Button type="submit" size="sm" disabled={!canChange || pending}>
          Approve template
        </Button>
      </div>
    </form>
  );
}

export function TemplateApproval({
  candidates,
  canChange,
}: {
  candidates: TemplateCandidate[];
  canChange: boolean;
}) {
  if (candidates.length === 0)
    return <p className="text-sm text-muted-foreground">Every template VM on this cluster is approved.</p>;
  return (
    <div className="grid gap-3">
      <h3 className="text-sm font-semibold">Template VMs not yet approved</h3>
      {candidates.map((candidate) => (
        <TemplateRow key={candidate.vmid} candidate={candidate} canChange={canChange} />
      ))}
    </div>
  );
}
