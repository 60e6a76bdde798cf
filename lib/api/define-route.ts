import type { z } from "zod";
import type { ApiCaller } from "@/lib/api-tokens/authenticate-token";
import type { ApiScope } from "@/lib/api-tokens/scopes";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Person } from "@/lib/authz/vm-access";
import type { RequestContext } from "@/lib/request-context";
import type { VmOwner } from "@/lib/vms/vm-owner";

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiResponseSpec {
  description: string;
  /** The JSON body; problems (4xx, 5xx) default to the Problem schema. */
  schema?: z.ZodType;
}

export interface ApiAuditEntry {
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
}

export interface ApiHandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: ApiCaller;
  /**
   * The caller as the one rule judges them on VMs: their role only with a token holding admin:write,
   * else a member, so an admin's member-scoped token reaches only what a member would.
   */
  person: Person;
  request: Request;
  /** The caller as audit entries and VM timelines name them. */
  actor: AuditActor;
  /** The caller as the owner of a VM they ask for. */
  owner: VmOwner;
  requestContext: RequestContext;
  /** Records a success as the server actions do, marked `via: "api"` with the token's id. */
  audit(entry: ApiAuditEntry): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteSpec<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType> {
  method: ApiMethod;
  /** OpenAPI form, relative to /api/v1: `/vms/{vmId}`. */
  path: `/${string}`;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ApiResponseSpec>;
  /** Whether a write honours `Idempotency-Key` (default: every method but GET). */
  idempotent?: boolean;
  handler(context: ApiHandlerContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<ApiAnswer>;
}

/** A route as the dispatcher and the OpenAPI document see it, whatever its schemas. */
export interface ApiRoute extends Omit<RouteSpec<z.ZodObject, z.ZodObject, z.ZodType>, "handler"> {
  handler(context: ApiHandlerContext<unknown, unknown, unknown>): Promise<ApiAnswer>;
}

/** One /api/v1 operation: listed in `lib/api/routes/index.ts`, dispatched and documented from this. */
export function defineApiRoute<
  P extends z.ZodObject = z.ZodObject<Record<never, never>>,
  Q extends z.ZodObject = z.ZodObject<Record<never, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  return spec as unknown as ApiRoute;
}

/** Whether this route replays answers under an `Idempotency-Key`. */
export function honoursIdempotencyKey(route: Pick<ApiRoute, "method" | "idempotent">): boolean {
  return route.idempotent ?? route.method !== "GET";
}
