import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { loadOrCreateCertificate } from "@/pve-sim/tls";
import { type RunningRelay, startRelay } from "@/server-ws/relay";

export const RIG_ORIGIN = "http://localhost:3000";
const SECRET = "relay-rig-secret-0123456789abcdefghij";

/**
 * A stand-in for Proxmox's vncwebsocket: TLS, a pinned self-signed certificate, and a behaviour per
 * connection chosen by the URL's `mode` — `echo` sends every message back, `flood` sends as fast as it can.
 */
export interface Upstream {
  url: (mode: "echo" | "flood") => string;
  fingerprint: string;
  /** Bytes the flood connections have handed to the kernel (sent minus still buffered). */
  flushed(): number;
  closedConnections(): number;
  /** Proxmox's side of the newest connection, for a test to send frames of its choosing. */
  newest(): WebSocket | undefined;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const certificate = await loadOrCreateCertificate(null);
  const server = createHttpsServer({ key: certificate.key, cert: certificate.cert });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  let sent = 0;
  let closed = 0;
  let newest: WebSocket | undefined;
  const floods = new Set<WebSocket>();
  const chunk = Buffer.alloc(64 * 1024, 7);
  wss.on("connection", (ws, req) => {
    newest = ws;
    ws.on("close", () => {
      closed++;
      floods.delete(ws);
    });
    if (new URL(req.url ?? "/", "https://x").searchParams.get("mode") === "flood") {
      floods.add(ws);
      const pump = () => {
        while (ws.readyState === ws.OPEN && ws.bufferedAmount < 8 << 20) {
          ws.send(chunk);
          sent += chunk.length;
        }
        if (ws.readyState === ws.OPEN) setTimeout(pump, 2);
      };
      pump();
    } else ws.on("message", (data: Buffer) => ws.send(data, { binary: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (mode) => `wss://127.0.0.1:${port}/api2/json/nodes/pve1/qemu/100/vncwebsocket?mode=${mode}`,
    fingerprint: certificate.fingerprint,
    flushed: () => sent - [...floods].reduce((sum, ws) => sum + ws.bufferedAmount, 0),
    closedConnections: () => closed,
    newest: () => newest,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const RIG_SECRET = SECRET;

/** A portal that redeems any token for the upstream (`flood…` tokens for its flood mode), as /api/console/redeem would. */
export async function startFakePortal(upstream: Upstream): Promise<{
  url: string;
  reports: unknown[];
  /** Tokens whose sessions the portal tells the relay to end at its next report. */
  revoked: Set<string>;
  close(): void;
}> {
  const reports: unknown[] = [];
  const revoked = new Set<string>();
  const portal: Server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const part of req) chunks.push(part as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
    if (req.url === "/api/console/sessions") {
      reports.push(body);
      const revoke = ((body.alive ?? []) as string[]).filter((token) => revoked.has(token));
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: true, revoke }));
    }
    const mode = String(body.token).startsWith("flood") ? "flood" : "echo";
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        userId: "u",
        vmId: "v",
        kind: "vnc",
        handshake: null,
        target: {
          url: upstream.url(mode),
          headers: { Authorization: "PVEAPIToken=rig@pve!t=x" },
          tls: { fingerprint: upstream.fingerprint },
          protocols: ["binary"],
        },
      }),
    );
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
    reports,
    revoked,
    close: () => {
      portal.closeAllConnections();
      portal.close();
    },
  };
}

/** Upstream, fake portal and a relay in this process. */
export async function startRig(options: { idleMs?: number; heartbeatMs?: number } = {}): Promise<{
  upstream: Upstream;
  relay: RunningRelay;
  reports: unknown[];
  revoked: Set<string>;
  close(): Promise<void>;
}> {
  const upstream = await startUpstream();
  const portal = await startFakePortal(upstream);
  const relay = await startRelay({
    port: 0,
    portalUrl: portal.url,
    relaySecret: SECRET,
    allowedOrigins: [RIG_ORIGIN],
    idleMs: options.idleMs,
    heartbeatMs: options.heartbeatMs,
  });
  return {
    upstream,
    relay,
    reports: portal.reports,
    revoked: portal.revoked,
    async close() {
      await relay.close();
      portal.close();
      await upstream.close();
    },
  };
}

export function openThrough(
  relayUrl: string,
  token: string,
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  const ws = new WebSocket(`${relayUrl}?token=${token}`, ["binary"], {
    headers: { Origin: RIG_ORIGIN },
    perMessageDeflate: false,
    ...options,
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** The portal's two relay routes, served over HTTP as Next serves them, for a relay to redeem and report to. */
export async function servePortalRelayRoutes(): Promise<{ url: string; close(): void }> {
  const routes = {
    "/api/console/redeem": (await import("@/app/api/console/redeem/route")).POST,
    "/api/console/sessions": (await import("@/app/api/console/sessions/route")).POST,
  };
  const portal = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const POST = routes[req.url as keyof typeof routes];
    if (!POST) return void res.writeHead(404).end();
    const response = await POST(
      new Request(`http://portal${req.url}`, {
        method: "POST",
        headers: req.headers as HeadersInit,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
    close: () => {
      portal.closeAllConnections();
      portal.close();
    },
  };
}
