import type { IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { observeProxmoxCall } from "@/lib/metrics/proxmox-metrics";
import type { ClusterConfig } from "./cluster-config";
import { describeHttpError, isProxmoxError, isTransient, kindForStatus, ProxmoxError } from "./errors";
import { DEFAULT_NODE_CONCURRENCY, LaneLimiter, laneFor } from "./node-lanes";
import { Semaphore } from "./semaphore";
import { PolicyAgent } from "./tls";
import { encodeParams, type Params } from "./wire";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface TransportOptions {
  timeoutMs?: number;
  /** Requests in flight to the whole cluster at once. */
  concurrency?: number;
  /** Requests in flight to one node at once (cluster-wide paths: to one API URL); pveproxy has 3 workers. */
  nodeConcurrency?: number;
  /** Extra tries for idempotent reads after a transient failure. */
  readRetries?: number;
  /** A node answering slower than this, or with 59x or not at all, gets fewer requests for a while. */
  slowAnswerMs?: number;
  /** How long a node that showed trouble keeps its lowered limit. */
  backOffMs?: number;
  onCall?: (call: { method: HttpMethod; path: string; outcome: string; durationMs: number }) => void;
}

interface Answer {
  status: number;
  reason: string;
  body: { data?: unknown; errors?: Record<string, string>; message?: string } | null;
}

const connectionCodes = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
]);

// Each try takes another kept-alive connection, or a new one; several can have been closed at once.
const MAX_STALE_CONNECTIONS = 3;

/** A request that met a reset on a reused connection before any answer: it never reached Proxmox. */
class StaleConnection extends Error {
  constructor(readonly failure: ProxmoxError) {
    super(failure.message);
  }
}

const unwrap = (error: unknown) => (error instanceof StaleConnection ? error.failure : error);

/** Speaks HTTPS to one cluster: its API token, TLS policy, failover between URLs, timeouts and retries. */
export class Transport {
  private readonly agents: PolicyAgent[];
  private preferred = 0;
  private readonly semaphore: Semaphore;
  private readonly lanes: LaneLimiter;
  private readonly timeoutMs: number;
  private readonly readRetries: number;
  calls = 0;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly options: TransportOptions = {},
  ) {
    this.agents = cluster.apiUrls.map(() => new PolicyAgent(cluster));
    this.semaphore = new Semaphore(options.concurrency ?? 8);
    this.lanes = new LaneLimiter(options.nodeConcurrency ?? DEFAULT_NODE_CONCURRENCY, {
      slowAnswerMs: options.slowAnswerMs,
      backOffMs: options.backOffMs,
    });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.readRetries = options.readRetries ?? 2;
  }

  async call<T = unknown>(method: HttpMethod, path: string, params: Params = {}): Promise<T> {
    return (await this.callAnswering<T>(method, path, params)).data;
  }

  /**
   * As `call`, and says which API URL answered: a console proxy listens on that node's localhost only, so
   * its websocket must go through the same URL.
   */
  async callAnswering<T = unknown>(
    method: HttpMethod,
    path: string,
    params: Params = {},
  ): Promise<{ data: T; apiUrl: string }> {
    let attempt = 0;
    for (;;) {
      try {
        const { data, index } = await this.callAnyUrl(method, path, params);
        return { data: data as T, apiUrl: this.cluster.apiUrls[index]! };
      } catch (error) {
        const retry = method === "GET" && isTransient(error) && attempt < this.readRetries;
        if (!retry) throw error;
        attempt++;
        // No slot is held while waiting, and the jitter keeps many readers from coming back at once.
        await new Promise((resolve) => setTimeout(resolve, 150 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }

  /** Tries the last good URL first, then the others, but only past connection failures. */
  private async callAnyUrl(
    method: HttpMethod,
    path: string,
    params: Params,
  ): Promise<{ data: unknown; index: number }> {
    let lastError: unknown;
    for (let offset = 0; offset < this.cluster.apiUrls.length; offset++) {
      const index = (this.preferred + offset) % this.cluster.apiUrls.length;
      try {
        const data = await this.callUrl(index, method, path, params);
        this.preferred = index;
        return { data, index };
      } catch (error) {
        lastError = error;
        if (!(isProxmoxError(error) && error.kind === "connection")) throw error;
      }
    }
    throw lastError;
  }

  private callUrl(index: number, method: HttpMethod, path: string, params: Params): Promise<unknown> {
    // The node's turn first: a request waiting for a busy node holds no cluster slot the others could use.
    const lane = laneFor(path, this.cluster.apiUrls[index]!);
    return this.lanes.run(lane, () =>
      this.semaphore.run(() => this.exchange(lane, index, method, path, params)),
    );
  }

  /** The limit each node (or API URL, for cluster-wide paths) has now: lower while it is backed off. */
  laneLimits(): Record<string, number> {
    return this.lanes.limits();
  }

  private async exchange(
    lane: string,
    index: number,
    method: HttpMethod,
    path: string,
    params: Params,
  ): Promise<unknown> {
    const started = performance.now();
    this.calls++;
    // Every HTTP request to the cluster passes here once: retries and failover included.
    const report = (outcome: string, errorKind?: string) => {
      const durationMs = performance.now() - started;
      this.options.onCall?.({ method, path, outcome, durationMs });
      observeProxmoxCall({ cluster: this.cluster.id, method, durationMs, errorKind });
      // A 59x is the node's proxy failing to reach it; a timeout, a node too busy to answer.
      this.lanes.observe(lane, { durationMs, trouble: errorKind === "proxy" || errorKind === "timeout" });
    };
    try {
      const answer = await this.send(index, method, path, params);
      if (answer.status >= 200 && answer.status < 300) {
        report("ok");
        return answer.body?.data ?? null;
      }
      const reason = answer.body?.message?.trim() || answer.reason;
      const kind = kindForStatus(answer.status);
      report(String(answer.status), kind);
      throw new ProxmoxError({
        kind,
        message: describeHttpError(answer.status, reason, method, path),
        method,
        path,
        status: answer.status,
        reason,
        errors: answer.body?.errors,
      });
    } catch (error) {
      if (!(isProxmoxError(error) && error.status)) {
        const kind = isProxmoxError(error) ? error.kind : "error";
        report(kind, kind);
      }
      throw error;
    }
  }

  /**
   * A kept-alive connection the server closes for idling can be handed to a request in the same instant;
   * the request then meets a reset before any answer, having never reached Proxmox (the server read
   * nothing more on it), so it is sent again on another connection: a write too, which is safe only there.
   */
  private async send(index: number, method: HttpMethod, path: string, params: Params): Promise<Answer> {
    for (let stale = 0; ; stale++) {
      try {
        return await this.sendOnce(index, method, path, params);
      } catch (error) {
        if (!(error instanceof StaleConnection) || stale >= MAX_STALE_CONNECTIONS) throw unwrap(error);
      }
    }
  }

  private sendOnce(index: number, method: HttpMethod, path: string, params: Params): Promise<Answer> {
    const base = new URL(this.cluster.apiUrls[index]!);
    const encoded = encodeParams(params).toString();
    const withBody = method === "POST" || method === "PUT";
    const url = new URL(`/api2/json${path}${!withBody && encoded ? `?${encoded}` : ""}`, base);
    let answered = false;
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method,
          agent: this.agents[index],
          headers: {
            Authorization: `PVEAPIToken=${this.cluster.tokenId}=${this.cluster.tokenSecret}`,
            Accept: "application/json",
            ...(withBody ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", (error) => reject(this.networkError(error, base.host, method, path)));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let body: Answer["body"] = null;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              if (res.statusCode && res.statusCode < 300) {
                reject(
                  new ProxmoxError({
                    kind: "invalid-response",
                    message: `${method} ${path}: the answer is not JSON`,
                    method,
                    path,
                  }),
                );
                return;
              }
            }
            resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? "", body });
          });
        },
      );
      req.on("timeout", () => {
        req.destroy(
          new ProxmoxError({
            kind: "timeout",
            message: `${method} ${path}: Proxmox did not answer within ${Math.round(this.timeoutMs / 1000)} s`,
            method,
            path,
          }),
        );
      });
      req.on("error", (error) => {
        const failure = this.networkError(error, base.host, method, path);
        const reset = ["ECONNRESET", "EPIPE"].includes((error as NodeJS.ErrnoException).code ?? "");
        reject(req.reusedSocket && reset && !answered ? new StaleConnection(failure) : failure);
      });
      if (withBody) req.end(encoded);
      else req.end();
    });
  }

  /**
   * A GET whose answer is a file, not JSON (routes the schema marks `download_allowed`, such as
   * file-restore/download): resolves with the open response once Proxmox answers 2xx, so the caller can
   * stream it; any other answer is read as PVE's JSON error.
   */
  async download(
    path: string,
    params: Params = {},
  ): Promise<{ body: IncomingMessage; contentType: string | null; fileName: string | null }> {
    const index = this.preferred;
    const base = new URL(this.cluster.apiUrls[index]!);
    const encoded = encodeParams(params).toString();
    const url = new URL(`/api2/json${path}${encoded ? `?${encoded}` : ""}`, base);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          method: "GET",
          agent: this.agents[index],
          headers: { Authorization: `PVEAPIToken=${this.cluster.tokenId}=${this.cluster.tokenSecret}` },
          timeout: this.timeoutMs,
        },
        resolve,
      );
      req.on("timeout", () =>
        req.destroy(
          new ProxmoxError({ kind: "timeout", message: `GET ${path}: Proxmox did not answer in time`, path }),
        ),
      );
      req.on("error", (error) => reject(this.networkError(error, base.host, "GET", path)));
      req.end();
    });
    this.calls++;
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      const disposition = String(response.headers["content-disposition"] ?? "");
      const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
      return {
        body: response,
        contentType: response.headers["content-type"] ?? null,
        fileName: fileName ? decodeURIComponent(fileName) : null,
      };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    let message: string | undefined;
    try {
      message = JSON.parse(Buffer.concat(chunks).toString("utf8"))?.message?.trim();
    } catch {
      message = undefined;
    }
    const reason = message || response.statusMessage || "";
    throw new ProxmoxError({
      kind: kindForStatus(status),
      message: describeHttpError(status, reason, "GET", path),
      method: "GET",
      path,
      status,
      reason,
    });
  }

  private networkError(error: Error, host: string, method: string, path: string): ProxmoxError {
    if (isProxmoxError(error)) return Object.assign(error, { method, path });
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (connectionCodes.has(code)) {
      return new ProxmoxError({
        kind: "connection",
        message: `Cannot reach Proxmox at ${host} (${code})`,
        method,
        path,
      });
    }
    if (/certificate|self.signed|SSL|TLS/i.test(`${code} ${error.message}`)) {
      return new ProxmoxError({
        kind: "tls",
        message: `The TLS certificate of ${host} is not trusted (${error.message}); pin its fingerprint or give its CA`,
        method,
        path,
      });
    }
    return new ProxmoxError({
      kind: "connection",
      message: `${method} ${path}: ${error.message}`,
      method,
      path,
    });
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}
