import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { type ApiRoute, honoursIdempotencyKey } from "./define-route";
import { problemSchema } from "./problem";
import { API_RATE_LIMIT } from "./rate-limit";

export const API_VERSION = "1.0.0";

/** What each tag groups, in the order the reference page shows them. */
export const tagDescriptions: Record<string, string> = {
  VMs: "Your virtual machines: list, create, change, delete.",
  Power: "Start, stop and restart a VM.",
  Schedules: "Weekly times a VM, or every VM of a project, is started and stopped at, in a time zone.",
  Snapshots: "Save a VM's disks and memory state and go back to it.",
  Jobs: "Long operations (creating, deleting, powering a VM) to follow until they end.",
  Console: "Tickets for a running VM's screen or serial console, through the console relay.",
  Catalog: "The templates, installer ISOs and networks admins approved for new VMs.",
  Quota: "How much you may use, and how much your VMs use.",
  "SSH keys": "The public keys new VMs receive through cloud-init.",
  Mail: "The messages the portal wrote to you: lease reminders and notices.",
  Me: "Who a token belongs to and what it may do.",
  Requests: "Asking for more than a quota allows: a VM beyond it, or a higher quota.",
  Admin:
    "What admins and auditors read: every VM, the users, the audit log, background jobs; and requests beyond a quota to decide.",
};

const problemContent = { "application/problem+json": { schema: problemSchema } };

const rateLimitHeaders = z.object({
  "ratelimit-limit": z.string().meta({ description: "Calls this token may make per window." }),
  "ratelimit-remaining": z.string().meta({ description: "Calls left in the current window." }),
  "ratelimit-reset": z.string().meta({ description: "Seconds until a call is counted out of the window." }),
});

const idempotencyHeader = z.object({
  "idempotency-key": z.string().min(1).max(255).optional().meta({
    description:
      "Retrying with the same key replays the first answer instead of doing the work again (kept 24 hours); the same key with a different request is a 422.",
  }),
});

function responsesOf(route: ApiRoute): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  const standard: Record<number, string> = {
    401: "No token, or one that is malformed, unknown, revoked or expired, or whose owner is disabled.",
    403: `The token lacks the "${route.scope}" scope.`,
    429: `Over the token's rate limit (${API_RATE_LIMIT.limit} calls a minute); see Retry-After.`,
  };
  if (route.params || route.query || route.body) standard[400] = "The input has problems; see `errors`.";
  if (honoursIdempotencyKey(route)) standard[422] = "The Idempotency-Key was used for a different request.";
  for (const [status, spec] of Object.entries({ ...standard, ...route.responses })) {
    const { description, schema } =
      typeof spec === "string" ? { description: spec, schema: undefined } : spec;
    const code = Number(status);
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description,
      // A 401 knows no token to count against.
      ...(code < 300 || code === 429 ? { headers: rateLimitHeaders } : {}),
      ...(code >= 400
        ? { content: problemContent }
        : schema
          ? { content: { "application/json": { schema } } }
          : {}),
    };
  }
  return responses;
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const idempotent = honoursIdempotencyKey(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: [{ bearerToken: [] }],
    "x-roost-scope": route.scope,
    requestParams: {
      ...(route.params ? { path: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(idempotent ? { header: idempotencyHeader } : {}),
    },
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } }
      : {}),
    responses: responsesOf(route),
  };
}

/** The OpenAPI 3.1 document of these routes, made from their zod schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  const used = [...new Set(routes.flatMap((route) => route.tags))];
  const ordered = [
    ...Object.keys(tagDescriptions).filter((tag) => used.includes(tag)),
    ...used.filter((tag) => !(tag in tagDescriptions)),
  ];
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Roost API",
      version: API_VERSION,
      description:
        "Everything a member does in the portal, and the admins' reads, for scripts. Authenticate with a personal API token from your profile page: `Authorization: Bearer roost_…`. Errors are RFC 9457 problem details; lists take `limit` and `cursor`; long operations answer 202 with a job to poll.",
    },
    servers: [{ url: "/api/v1" }],
    tags: ordered.map((name) => ({
      name,
      ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}),
    })),
    components: {
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token (`roost_…`), made on the profile page.",
        },
      },
    },
    paths,
  });
}
