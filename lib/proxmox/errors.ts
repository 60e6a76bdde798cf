export type ProxmoxErrorKind =
  | "auth"
  | "forbidden"
  | "not-found"
  | "bad-request"
  | "server"
  | "not-implemented"
  | "proxy"
  | "timeout"
  | "connection"
  | "tls"
  | "task-failed"
  | "invalid-response";

export interface ProxmoxErrorDetails {
  kind: ProxmoxErrorKind;
  message: string;
  method?: string;
  path?: string;
  status?: number;
  reason?: string;
  /** Per-parameter messages from a 400 answer. */
  errors?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error the client throws. It names the endpoint but never the cluster's credentials: the
 * token secret cannot reach a message, a log line or a page through it.
 */
export class ProxmoxError extends Error {
  /**
   * The brand `isProxmoxError` checks. Next bundles lib/ once per server layer (actions, route handlers,
   * jobs), so an error made by one copy of this class fails `instanceof` against another.
   */
  readonly isProxmoxError = true;
  readonly kind: ProxmoxErrorKind;
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly errors?: Record<string, string>;

  constructor(details: ProxmoxErrorDetails) {
    super(details.message, details.cause ? { cause: details.cause } : undefined);
    this.name = "ProxmoxError";
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.reason = details.reason;
    this.errors = details.errors;
  }

  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      method: this.method,
      path: this.path,
      status: this.status,
      errors: this.errors,
    };
  }
}

export function isProxmoxError(error: unknown): error is ProxmoxError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { isProxmoxError?: unknown }).isProxmoxError === true &&
    typeof (error as { kind?: unknown }).kind === "string"
  );
}

/**
 * Failures worth another try: the network, a timeout, or a proxied node that did not answer (59x).
 * Any other answer, a 500 included, is Proxmox's verdict on the request ("VM 100 not running",
 * "does not exist", "QEMU guest agent is not running") and asking again gets the same.
 */
export function isTransient(error: unknown): boolean {
  return isProxmoxError(error) && ["proxy", "timeout", "connection"].includes(error.kind);
}

export function kindForStatus(status: number): ProxmoxErrorKind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 400) return "bad-request";
  if (status === 501) return "not-implemented";
  if (status >= 595 && status <= 599) return "proxy";
  return "server";
}

const explanations: Partial<Record<ProxmoxErrorKind, string>> = {
  auth: "Proxmox refused the API token (check the token id and secret)",
  forbidden: "the API token lacks a privilege Proxmox requires",
  proxy: "Proxmox could not reach the node that holds this resource",
};

export function describeHttpError(status: number, reason: string, method: string, path: string): string {
  const kind = kindForStatus(status);
  const explanation = explanations[kind];
  const detail = reason.trim() || `HTTP ${status}`;
  return `${method} ${path} failed: ${detail}${explanation ? ` — ${explanation}` : ""} (HTTP ${status})`;
}
