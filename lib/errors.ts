import { message, renderFieldErrors, renderMessage, type TranslateFn } from "@/lib/i18n/message";
import { englishTranslator } from "@/lib/i18n/translator";

export type DomainErrorKind =
  | "unauthenticated"
  | "not-found"
  | "forbidden"
  | "conflict"
  | "invalid"
  | "unavailable"
  | "rate-limited";

interface DomainErrorOptions {
  /** With "invalid": the input fields at fault, keyed by the input's field names. */
  fieldErrors?: Record<string, string[]>;
  /** With "rate-limited": when the same request will be accepted again. */
  retryAfterSeconds?: number;
}

/**
 * Why the domain refused a request, in words the person asking can act on. Actions and route handlers
 * turn it into their answer (`lib/actions/action-result.ts`, `lib/http/route-handler.ts`); anything else
 * thrown is a fault on our side.
 */
export class DomainError extends Error {
  /** The brand `isDomainError` checks: Next bundles lib/ once per server layer, which defeats instanceof. */
  readonly isDomainError = true;
  /** In English, for logs, the API and tests; `localized` gives them in a reader's language. */
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterSeconds?: number;
  /** As given: catalog tokens (`lib/i18n/message.ts`) or plain text. */
  readonly source: { message: string; fieldErrors?: Record<string, string[]> };

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    const english = englishTranslator();
    super(renderMessage(message, english));
    this.name = "DomainError";
    this.source = { message, fieldErrors: options.fieldErrors };
    this.fieldErrors = options.fieldErrors && renderFieldErrors(options.fieldErrors, english);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The message and field errors in the language of `t`. */
  localized(t: TranslateFn): { message: string; fieldErrors?: Record<string, string[]> } {
    return {
      message: renderMessage(this.source.message, t),
      fieldErrors: this.source.fieldErrors && renderFieldErrors(this.source.fieldErrors, t),
    };
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isDomainError?: unknown }).isDomainError === true &&
    typeof (error as { kind?: unknown }).kind === "string"
  );
}

/** No valid credentials came with the request (an API call without a live token). */
export const unauthenticated = (message: string) => new DomainError("unauthenticated", message);
export const notFound = (text = message("errors.notFound")) => new DomainError("not-found", text);
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const conflict = (message: string) => new DomainError("conflict", message);
export const unavailable = (message: string) => new DomainError("unavailable", message);

/** Bad input; with `field`, the message also stands at that field of the form. */
export const invalid = (message: string, field?: string) =>
  new DomainError("invalid", message, field ? { fieldErrors: { [field]: [message] } } : {});

export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError("rate-limited", message, { retryAfterSeconds });

export const statusOfKind = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "rate-limited": 429,
  unavailable: 503,
} as const satisfies Record<DomainErrorKind, number>;
