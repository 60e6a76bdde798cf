export type DomainErrorKind =
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
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
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

export const notFound = (message = "Not found.") => new DomainError("not-found", message);
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
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "rate-limited": 429,
  unavailable: 503,
} as const satisfies Record<DomainErrorKind, number>;
