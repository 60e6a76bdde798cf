import { z } from "zod";
import { type DomainError, type DomainErrorKind, statusOfKind } from "@/lib/errors";

/** RFC 9457 problem details, as every /api/v1 refusal is answered. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI reference naming the kind of problem." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "The input fields at fault, each with its reasons." }),
  })
  .meta({ id: "Problem" });

export type Problem = z.infer<typeof problemSchema>;

export type ProblemKind = DomainErrorKind | "method-not-allowed" | "idempotency-key-reused" | "too-large";

const titles: Record<ProblemKind, { status: number; title: string }> = {
  invalid: { status: statusOfKind.invalid, title: "The request is not valid" },
  unauthenticated: { status: statusOfKind.unauthenticated, title: "No valid API token" },
  forbidden: { status: statusOfKind.forbidden, title: "Not allowed" },
  "not-found": { status: statusOfKind["not-found"], title: "Not found" },
  conflict: { status: statusOfKind.conflict, title: "Conflict with the current state" },
  "rate-limited": { status: statusOfKind["rate-limited"], title: "Too many requests" },
  unavailable: { status: statusOfKind.unavailable, title: "Temporarily unavailable" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "idempotency-key-reused": { status: 422, title: "Idempotency key reused for a different request" },
  "too-large": { status: 413, title: "The request is too large" },
};

/** Every problem type, for the reference page; `type` URIs point at its anchors. */
export const problemKinds = Object.entries(titles).map(([kind, { status, title }]) => ({
  kind: kind as ProblemKind,
  status,
  title,
  type: problemType(kind as ProblemKind),
}));

export function problemType(kind: ProblemKind): string {
  return `/api-docs#problem-${kind}`;
}

export function problemOf(kind: ProblemKind, detail: string, errors?: Record<string, string[]>): Problem {
  const { status, title } = titles[kind];
  return { type: problemType(kind), title, status, detail, ...(errors ? { errors } : {}) };
}

/** The one mapping from a domain refusal to its problem details, in English: the API answers programs. */
export function problemFromDomainError(error: DomainError): Problem {
  return problemOf(error.kind, error.message, error.fieldErrors);
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: merged });
}

/** A refusal with no domain kind of its own (413, 422), thrown to the dispatcher as it is. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = "ProblemError";
  }
}
