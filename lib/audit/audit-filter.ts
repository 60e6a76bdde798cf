import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { message, messageList, sentences } from "@/lib/i18n/message";

/** A query parameter given twice counts once, as the browser's form sends it. */
const single = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema);

const text = single(
  z
    .string()
    .trim()
    .max(200, message("validation.audit.keepUnderCharacters"))
    .optional()
    .transform((value) => value || undefined),
);

const day = single(
  z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date;
      context.addIssue({ code: "custom", message: message("validation.audit.giveDateAs") });
      return z.NEVER;
    }),
);

/** The audit log's search, as its page and its CSV export read it from the query string. */
export const auditFilterSchema = z
  .object({ actor: text, action: text, target: text, from: day, to: day })
  .refine(({ from, to }) => !from || !to || from < to, {
    message: message("validation.audit.pickBeforeDate"),
    path: ["to"],
  })
  .transform(({ target, ...rest }) => ({ ...rest, targetId: target }));

export type AuditSearchParams = Record<string, string | string[] | undefined>;

/** The filter for `listAuditEvents`; a filter that cannot be read is refused with the fields at fault. */
export function parseAuditFilter(params: AuditSearchParams) {
  const parsed = auditFilterSchema.safeParse(params);
  if (parsed.success) return parsed.data;
  const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: Record<string, string[]> };
  const reasons = Object.entries(fieldErrors).map(([field, messages]) =>
    message("errors.audit.badFilter", { field, problem: sentences(messages) }),
  );
  throw new DomainError("invalid", message("errors.audit.badFilters", { reasons: messageList(reasons) }), {
    fieldErrors,
  });
}
