import { NonRetriableError } from "inngest";

/**
 * Thrown by a job (inside or outside a step) to fail it at once, without the remaining attempts. Inngest's
 * own class, so the same throw means the same thing on both runners.
 */
export { NonRetriableError };

export function isNonRetriable(error: unknown): boolean {
  return error instanceof NonRetriableError || (error instanceof Error && error.name === "NonRetriableError");
}

const longest = 2000;

/** The error as an operator reads it on the Jobs page: its message, not a stack. */
export function describeJobError(error: unknown, stepId?: string): string {
  const message =
    error instanceof Error ? error.message || error.name : typeof error === "string" ? error : String(error);
  const text = stepId ? `Step "${stepId}" failed: ${message}` : message;
  return text.length > longest ? `${text.slice(0, longest - 1)}…` : text;
}
