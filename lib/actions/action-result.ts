import { type DomainError, statusOfKind } from "@/lib/errors";
import type { TranslateFn } from "@/lib/i18n/message";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      status: 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;
      fieldErrors?: Record<string, string[]>;
      /** With 429: when the same request will be accepted again. */
      retryAfterSeconds?: number;
    };

/** The failed result that tells the caller what the domain refused and why, in the language of `t`. */
export function domainFailure(error: DomainError, t?: TranslateFn): Extract<ActionResult, { ok: false }> {
  const { message, fieldErrors } = t ? error.localized(t) : error;
  return {
    ok: false,
    status: statusOfKind[error.kind],
    error: message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
  };
}

/** A failed action's message with its field errors after it, for a form's one error line; null on success. */
export function actionErrorText(result: ActionResult<unknown>): string | null {
  if (result.ok) return null;
  const details = result.fieldErrors ? Object.values(result.fieldErrors).flat() : [];
  // A domain refusal at one field carries its message twice: as the error and at the field.
  return [result.error, ...details.filter((detail) => detail !== result.error)].join(" ");
}
