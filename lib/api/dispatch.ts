import "server-only";
import type { z } from "zod";
import { authenticateToken } from "@/lib/api-tokens/authenticate-token";
import { scopesAllow } from "@/lib/api-tokens/scopes";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { displayName } from "@/lib/authz/display-name";
import { DomainError, isDomainError } from "@/lib/errors";
import {
  CLIENT_ADDRESS_HEADER,
  REQUEST_ID_HEADER,
  UPSTREAM_REQUEST_ID_HEADER,
} from "@/lib/http/request-identity";
import { message } from "@/lib/i18n/message";
import type { WindowLimiter } from "@/lib/limits/window-limiter";
import { log } from "@/lib/log";
import { recordRequest } from "@/lib/metrics/http-metrics";
import type { RequestContext } from "@/lib/request-context";
import { vmOwnerFrom } from "@/lib/vms/vm-owner";
import { personOf } from "./api-person";
import { type ApiHandlerContext, type ApiRoute, honoursIdempotencyKey } from "./define-route";
import { answerOnce, idempotencyKeyFrom, requestHashOf, type StoredAnswer } from "./idempotency";
import { routeMatcher } from "./match-route";
import { buildOpenApiDocument } from "./openapi";
import { ProblemError, problemFromDomainError, problemOf, problemResponse } from "./problem";
import { apiRateLimiter, takeRateLimit } from "./rate-limit";
import { readJsonBody } from "./read-body";

export const API_PREFIX = "/api/v1";

function requestContextOf(request: Request): RequestContext {
  return {
    requestId: request.headers.get(REQUEST_ID_HEADER),
    upstreamRequestId: request.headers.get(UPSTREAM_REQUEST_ID_HEADER),
    clientAddress: request.headers.get(CLIENT_ADDRESS_HEADER),
  };
}

/** Zod's issues as problem `errors`, keyed by the path of the field at fault. */
function fieldErrorsOf(error: z.ZodError, root: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : root;
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return errors;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, root: string): T | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DomainError("invalid", message("errors.api.inputProblems", { root }), {
    fieldErrors: fieldErrorsOf(parsed.error, root),
  });
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function jsonAnswer(answer: StoredAnswer, headers: Record<string, string>): Response {
  const merged = new Headers({ ...headers, ...answer.headers });
  if (answer.status === 204) return new Response(null, { status: 204, headers: merged });
  merged.set("content-type", answer.contentType);
  return new Response(JSON.stringify(answer.body ?? null), { status: answer.status, headers: merged });
}

function domainAnswer(error: DomainError): StoredAnswer {
  const problem = problemFromDomainError(error);
  return { status: problem.status, body: problem, contentType: "application/problem+json" };
}

interface AnswerState {
  rateHeaders: Record<string, string>;
  /** The route's pattern, as metrics label it. */
  pattern: string;
}

export interface DispatcherOptions {
  routes: readonly ApiRoute[];
  limiter?: WindowLimiter;
}

/**
 * Answers every /api/v1 request: match the route, authenticate the token, count it against the token's
 * rate limit, check the scope, parse the input, replay or run the handler under an Idempotency-Key.
 */
export function createApiDispatcher({ routes, limiter = apiRateLimiter() }: DispatcherOptions) {
  const match = routeMatcher(routes);
  let document: unknown;

  async function answer(request: Request, seen: AnswerState): Promise<Response> {
    const { rateHeaders } = seen;
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length) || "/"
      : url.pathname;
    const method = request.method.toUpperCase();
    if (path === "/openapi.json") {
      seen.pattern = path;
      if (method !== "GET")
        return problemResponse(problemOf("method-not-allowed", "Use GET."), { allow: "GET" });
      document ??= buildOpenApiDocument(routes);
      return Response.json(document, { headers: { "cache-control": "no-cache" } });
    }
    const found = match(method, path);
    if (found.kind === "none")
      return problemResponse(
        problemOf("not-found", `There is no ${API_PREFIX}${path}; /api/v1/openapi.json lists every route.`),
      );
    if (found.kind === "wrong-method")
      return problemResponse(
        problemOf(
          "method-not-allowed",
          `${API_PREFIX}${path} answers ${found.allow.join(", ")}, not ${method}.`,
        ),
        { allow: found.allow.join(", ") },
      );
    const { route } = found;
    seen.pattern = route.path;
    const requestContext = requestContextOf(request);
    const caller = await authenticateToken(
      request.headers.get("authorization"),
      requestContext.clientAddress,
    );
    const rate = takeRateLimit(limiter, caller.tokenId);
    Object.assign(rateHeaders, rate.headers);
    if (!rate.allowed) {
      const seconds = rate.resetSeconds;
      return problemResponse(
        problemOf(
          "rate-limited",
          `This token made ${limiter.limit} calls in the last minute, the most allowed; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        ),
        { ...rateHeaders, "retry-after": String(seconds) },
      );
    }
    const actor = { id: caller.user.id, label: displayName(caller.user) };
    const via = { via: "api", tokenId: caller.tokenId, operation: route.operationId };
    if (!scopesAllow(caller.scopes, route.scope)) {
      // Recorded as the portal records a role refusal: a token probing beyond its scope shows in the log.
      await recordAuditEvent({
        actor,
        action: `api.${route.operationId}`,
        result: "denied",
        ...requestContext,
        detail: { ...via, needed: route.scope },
      });
      return problemResponse(
        problemOf(
          "forbidden",
          `This route needs a token with the "${route.scope}" scope; this token has ${caller.scopes.length ? caller.scopes.map((scope) => `"${scope}"`).join(", ") : "no usable scope"}.`,
        ),
        rateHeaders,
      );
    }

    const params = parse(route.params, found.params, "path");
    const query = parse(route.query, queryObject(url.searchParams), "query");
    const raw = route.body ? await readJsonBody(request) : undefined;
    const body = parse(route.body, raw, "body");
    const context: ApiHandlerContext<unknown, unknown, unknown> = {
      params,
      query,
      body,
      caller,
      person: personOf(caller),
      request,
      actor,
      owner: vmOwnerFrom(caller.user),
      requestContext,
      audit: (entry) =>
        recordAuditEvent({
          actor,
          result: "success",
          ...requestContext,
          ...entry,
          detail: { ...entry.detail, ...via },
        }),
    };
    const run = async (): Promise<StoredAnswer> => {
      try {
        const result = await route.handler(context);
        return {
          status: result.status,
          body: result.body,
          contentType: "application/json",
          ...(result.headers ? { headers: result.headers } : {}),
        };
      } catch (error) {
        if (isDomainError(error)) return domainAnswer(error);
        await recordAuditEvent({
          actor,
          action: `api.${route.operationId}`,
          result: "failure",
          ...requestContext,
          detail: via,
        }).catch(() => {});
        throw error;
      }
    };
    const key = honoursIdempotencyKey(route) ? idempotencyKeyFrom(request) : null;
    if (key === null) return jsonAnswer(await run(), rateHeaders);
    const once = await answerOnce(
      { tokenId: caller.tokenId, key, requestHash: requestHashOf(method, path, raw) },
      run,
    );
    return jsonAnswer(once, once.replayed ? { ...rateHeaders, "idempotent-replayed": "true" } : rateHeaders);
  }

  async function answerOrProblem(request: Request, seen: AnswerState): Promise<Response> {
    const { rateHeaders } = seen;
    try {
      return await answer(request, seen);
    } catch (error) {
      if (isDomainError(error)) {
        const extra: Record<string, string> =
          error.kind === "unauthenticated" ? { "www-authenticate": 'Bearer realm="roost"' } : {};
        if (error.retryAfterSeconds !== undefined) extra["retry-after"] = String(error.retryAfterSeconds);
        return problemResponse(problemFromDomainError(error), { ...rateHeaders, ...extra });
      }
      if (error instanceof ProblemError) return problemResponse(error.problem, rateHeaders);
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      log.error({ err: error, requestId, url: request.url }, "API request failed");
      return problemResponse(
        {
          type: "about:blank",
          title: "Internal error",
          status: 500,
          detail: `Something went wrong on our side. Try again; if it keeps failing, give an admin this reference: ${requestId ?? "none"}.`,
        },
        rateHeaders,
      );
    }
  }

  return async function dispatch(request: Request): Promise<Response> {
    const started = performance.now();
    const seen: AnswerState = { rateHeaders: {}, pattern: "(unmatched)" };
    const response = await answerOrProblem(request, seen);
    // Counted by the route's pattern, so /vms/{vmId} is one series however many VMs there are.
    recordRequest(
      `${API_PREFIX}${seen.pattern}`,
      request.method,
      response.status,
      (performance.now() - started) / 1000,
    );
    return response;
  };
}
