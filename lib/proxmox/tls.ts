import type { RequestOptions } from "node:http";
import { Agent, type AgentOptions } from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { normalizeFingerprint } from "./cluster-config";
import { ProxmoxError } from "./errors";

export interface TlsPolicy {
  fingerprint?: string;
  caPem?: string;
  insecure?: boolean;
}

/** Connects over TLS by the cluster's policy: a pinned certificate, a private CA, the system CAs, or (labs) none. */
export function connectTls(
  options: tls.ConnectionOptions,
  policy: TlsPolicy,
  callback: (error: Error | null, socket?: tls.TLSSocket) => void,
): void {
  const pinned = policy.fingerprint ? normalizeFingerprint(policy.fingerprint) : null;
  const socket = tls.connect({
    ...options,
    ca: policy.caPem ?? options.ca,
    // A pinned certificate is checked below instead; PVE nodes ship self-signed ones.
    rejectUnauthorized: !(pinned || policy.insecure),
  });
  let settled = false;
  const settle = (error: Error | null) => {
    if (settled) return;
    settled = true;
    socket.removeListener("error", onError);
    if (error) {
      socket.destroy();
      callback(error);
    } else callback(null, socket);
  };
  const onError = (error: Error) => settle(error);
  socket.once("error", onError);
  socket.once("secureConnect", () => {
    if (pinned) {
      const presented = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? "");
      if (presented !== pinned) {
        settle(
          new ProxmoxError({
            kind: "tls",
            message: `The server's certificate (SHA-256 ${presented}) is not the pinned one (${pinned}); refusing to send credentials.`,
          }),
        );
        return;
      }
    }
    settle(null);
  });
}

/** An HTTPS agent whose sockets are only handed to requests once the TLS policy is satisfied. */
export class PolicyAgent extends Agent {
  constructor(
    private readonly policy: TlsPolicy,
    options: AgentOptions = {},
  ) {
    super({ keepAlive: true, maxSockets: 16, ...options });
  }

  override createConnection(
    options: RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | null | undefined {
    // Returning nothing makes the agent wait for the callback, so no request is written before the check.
    connectTls(options as tls.ConnectionOptions, this.policy, (error, socket) =>
      callback?.(error, socket as unknown as Duplex),
    );
    return undefined;
  }
}
