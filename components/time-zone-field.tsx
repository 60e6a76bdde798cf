"use client";

import { type Control, Controller, type FieldValues, type Path } from "react-hook-form";
import { Field, FieldError, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * A labelled IANA time-zone input bound to a react-hook-form field, offering the runtime's zones; the
 * form's schema says why a zone does not read.
 */
export function TimeZoneField<T extends FieldValues, O>({
  control,
  name,
  id,
  label,
  timeZones,
  className,
}: {
  control: Control<T, unknown, O>;
  name: Path<T>;
  id: string;
  label: string;
  timeZones: string[];
  className?: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field data-invalid={fieldState.invalid} className={className}>
          <FieldLabel htmlFor={id}>{label}</FieldLabel>
          <Input {...field} id={id} list={`${id}-list`} aria-invalid={fieldState.invalid} />
          <datalist id={`${id}-list`}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <FieldError errors={[fieldState.error]} />
        </Field>
      )}
    />
  );
}
