import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import {
  aliveAnswerSchema,
  RELAY_SECRET_HEADER,
  type Redeemed,
  redeemedSchema,
  redeemRefusedSchema,
} from "@/lib/console/relay-protocol";
import { closePayload, encodeFrame, Opcode } from "./frames";
import { acceptBrowser, connectUpstream, handshakeProblem, refuseHandshake } from "./handshake";
import { pipeConsole } from "./pipe";

export interface RelayOptions {
  host?: string;
  port?: number;
  /** Where the portal answers /api/console/redeem. */
  portalUrl: string;
  relaySecret: string;
  /** Origins of the portal's pages; a websocket from anywhere else is refused. */
  allowedOrigins: string[];
  idleMs?: number;
  pingMs?: number;
  /** How often the relay tells the portal which sessions it still carries, and learns which to end. */
  heartbeatMs?: number;
  log?: (event: Record<string, unknown>) => void;
}

export interface RunningRelay {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 30_000;

function closeEarly(req: IncomingMessage, socket: Duplex, code: number, reason: string) {
  // Accept, then close with a code the page can read: a refused upgrade gives the browser no reason at all.
  acceptBrowser(req, socket, null);
  socket.end(encodeFrame(Opcode.close, closePayload(code, reason), false));
  socket.resume();
  setTimeout(() => socket.destroy(), CLOSE_TIMEOUT_MS).unref();
}

/** The console relay: browser websocket in, Proxmox vncwebsocket out, one redeemed ticket per connection. */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  // Browser sockets past the upgrade, so that closing the relay ends them.
  const sockets = new Set<Duplex>();
  const server = createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
      return;
    }
    res.writeHead(404).end();
  });

  const tellPortal = (path: string, body: unknown) =>
    fetch(new URL(path, options.portalUrl), {
      method: "POST",
      headers: { "content-type": "application/json", [RELAY_SECRET_HEADER]: options.relaySecret },
      body: JSON.stringify(body),
    });

  async function redeem(token: string): Promise<Redeemed | { error: string; code: number }> {
    const response = await tellPortal("/api/console/redeem", { token }).catch(() => null);
    if (!response) return { error: "The portal could not be reached; try again.", code: 4502 };
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const redeemed = redeemedSchema.safeParse(body);
      if (redeemed.success) return redeemed.data;
      options.log?.({
        event: "console.redeem.malformed",
        issues: redeemed.error.issues.map((issue) => issue.path.join(".")),
      });
      return {
        error: "The portal's answer could not be read; the relay and portal may be different versions.",
        code: 4502,
      };
    }
    const refused = redeemRefusedSchema.safeParse(body);
    return {
      error: refused.success ? refused.data.error : "The console link was refused.",
      code: refused.success && refused.data.reason === "limit" ? 4429 : 4401,
    };
  }

  // Sessions this relay carries, by token, each with how to end it: the portal counts them against each
  // user's limit, and answers each report with those whose person or VM access has gone.
  const open = new Map<string, (code: number, reason: string) => void>();
  // Close reports still on their way: shutting down waits for them, so the audit log gets every close.
  const reports = new Set<Promise<unknown>>();
  async function reportAlive() {
    const response = await tellPortal("/api/console/sessions", { alive: [...open.keys()] }).catch(() => null);
    const answer = aliveAnswerSchema.safeParse(await response?.json().catch(() => null));
    if (!answer.success) return;
    for (const token of answer.data.revoke) open.get(token)?.(4403, "Your access to this console ended.");
  }
  // Every few seconds, so a disabled person's console ends within seconds, as their web sessions do.
  const heartbeat = setInterval(() => {
    if (open.size > 0) void reportAlive();
  }, options.heartbeatMs ?? 5_000);
  heartbeat.unref();

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://relay");
    if (url.pathname !== "/console/ws") return socket.destroy();
    socket.on("error", () => socket.destroy());
    const problem = handshakeProblem(req);
    if (problem) return refuseHandshake(socket, problem);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    if (!options.allowedOrigins.includes(req.headers.origin ?? "")) {
      return closeEarly(req, socket, 4403, "This page may not open consoles (wrong origin).");
    }
    const token = url.searchParams.get("token") ?? "";
    void redeem(token).then(async (redeemed) => {
      if ("error" in redeemed) return closeEarly(req, socket, redeemed.code, redeemed.error);
      const upstream = await connectUpstream(redeemed.target).catch((error: Error) => {
        options.log?.({ event: "console.upstream.failed", vmId: redeemed.vmId, error: error.message });
        return null;
      });
      if (!upstream) return closeEarly(req, socket, 4502, "Proxmox could not be reached.");
      if (socket.destroyed) return upstream.socket.destroy();
      const started = Date.now();
      // The browser's 101 carries Proxmox's subprotocol when the browser offered it: one framing end to end.
      acceptBrowser(req, socket, upstream.protocol);
      for (const leg of [socket, upstream.socket]) (leg as Socket).setNoDelay(true);
      const end = pipeConsole({ socket, head }, upstream, {
        idleMs: options.idleMs ?? 30 * 60_000,
        pingMs: options.pingMs ?? 20_000,
        handshake: redeemed.handshake ? Buffer.from(redeemed.handshake) : null,
        onClose: (stats, reason) => {
          open.delete(token);
          const report = tellPortal("/api/console/sessions", { closed: token, reason, ...stats })
            .then((response) => response.body?.cancel())
            .catch(() => undefined)
            .finally(() => reports.delete(report));
          reports.add(report);
          options.log?.({
            event: "console.close",
            userId: redeemed.userId,
            vmId: redeemed.vmId,
            kind: redeemed.kind,
            durationMs: Date.now() - started,
            ...stats,
            reason,
          });
        },
      });
      open.set(token, end);
      options.log?.({
        event: "console.open",
        userId: redeemed.userId,
        vmId: redeemed.vmId,
        kind: redeemed.kind,
      });
    });
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 3002, options.host ?? "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://${options.host ?? "127.0.0.1"}:${port}/console/ws`,
    server,
    close: async () => {
      clearInterval(heartbeat);
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The terminated sessions report their close on the next turns of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.race([
        Promise.allSettled([...reports]),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
    },
  };
}
