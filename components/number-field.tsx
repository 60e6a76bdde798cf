"use client";

import { type Control, Controller, type FieldValues, type Path } from "react-hook-form";
import { Field, FieldDescription, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * A labelled number input bound to a react-hook-form field: an empty box is NaN, which the form's schema
 * answers with its own message at this field.
 */
export function NumberField<T extends FieldValues, O>({
  control,
  name,
  id,
  label,
  description,
  step,
  className,
}: {
  control: Control<T, unknown, O>;
  name: Path<T>;
  id: string;
  label: string;
  description?: string;
  step?: number;
  className?: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className={className ?? "gap-1.5"}>
          <FieldLabel htmlFor={id}>{label}</FieldLabel>
          <Input
            id={id}
            name={field.name}
            ref={field.ref}
            onBlur={field.onBlur}
            type="number"
            step={step}
            aria-invalid={fieldState.invalid}
            value={Number.isNaN(field.value) ? "" : field.value}
            onChange={(event) => field.onChange(event.target.valueAsNumber)}
          />
          {description && <FieldDescription>{description}</FieldDescription>}
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}
