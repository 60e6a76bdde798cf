import { type DomainError, isDomainError, statusOfKind } from "@/lib/errors";
import { countRequests } from "@/lib/metrics/http-metrics";

/** A domain refusal as JSON: its status, its reason, and the fields at fault when there are any. */
export function domainErrorResponse(error: DomainError): Response {
  const headers: Record<string, string> =
    error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
  return Response.json(
    { error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) },
    { status: statusOfKind[error.kind], headers },
  );
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
      if (isDomainError(error)) return domainErrorResponse(error);
      throw error;
    }
  });
}
