import type { FieldError } from "react-hook-form";

/**
 * A list field's own error and those of its items: react-hook-form files "the second URL is not https"
 * under the item's index, where FieldError alone would not look.
 */
export function withItemErrors(error: FieldError | undefined): FieldError[] {
  const items: (FieldError | undefined)[] = Array.isArray(error) ? error : [];
  return [error, ...items].filter((entry): entry is FieldError => Boolean(entry?.message));
}
