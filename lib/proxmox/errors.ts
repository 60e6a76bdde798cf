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

  /** True for failures worth retrying on another try: the cluster or the network, not the request. */
  get transient(): boolean {
    return ["server", "proxy", "timeout", "connection"].includes(this.kind);
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
