import { getTranslations } from "next-intl/server";
import { type DomainError, isDomainError, statusOfKind } from "@/lib/errors";
import { byAnyKey, type TranslateFn } from "@/lib/i18n/message";
import { countRequests } from "@/lib/metrics/http-metrics";

/**
 * A domain refusal's answer, for any server: its status, its reason, and the fields at fault if any; in
 * the language of `t` when given, else in English.
 */
export function domainErrorAnswer(
  error: DomainError,
  t?: TranslateFn,
): {
  status: number;
  headers: Record<string, string>;
  body: { error: string; fieldErrors?: Record<string, string[]> };
} {
  const { message, fieldErrors } = t ? error.localized(t) : error;
  return {
    status: statusOfKind[error.kind],
    headers: error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) },
    body: { error: message, ...(fieldErrors ? { fieldErrors } : {}) },
  };
}

/** A domain refusal as JSON; in the language of `t` when given, else in English. */
export function domainErrorResponse(error: DomainError, t?: TranslateFn): Response {
  const { status, headers, body } = domainErrorAnswer(error, t);
  return Response.json(body, { status, headers });
}

/**
 * A route handler counted under `route` whose domain refusals are answered with their 4xx or 503. Any
 * other error is thrown on, to Next's logging and its 500.
 */
export function routeHandler<A extends [Request, ...unknown[]]>(
  route: string,
  handler: (...args: A) => Response | Promise<Response>,
): (...args: A) => Promise<Response> {
  return countRequests(route, async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      // These routes answer the portal's own pages, so in the reader's language.
      if (isDomainError(error)) return domainErrorResponse(error, byAnyKey(await getTranslations()));
      throw error;
    }
  });
}
