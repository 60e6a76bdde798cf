/** A failure to report on one line of stderr; exit code 1, or 2 for a usage error. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === "object" && body !== null && ("title" in body || "detail" in body);
}

/** An RFC 9457 answer as one line: its detail (or title), then each field at fault with its reasons. */
export function problemLine(body: unknown, response: Response): string {
  if (!isProblem(body)) return `The portal answered ${response.status} ${response.statusText}`.trim();
  const head = body.detail || body.title || `The portal answered ${response.status}`;
  const fields = Object.entries(body.errors ?? {}).map(
    ([field, reasons]) => `${field}: ${reasons.join(", ")}`,
  );
  return fields.length ? `${head} (${fields.join("; ")})` : head;
}
