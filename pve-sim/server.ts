import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { z } from "zod";
import { PermissionChecker } from "./access/check";
import { authenticate } from "./auth";
import type { SimCluster } from "./cluster";
import { SimError } from "./errors";
import { faultsSchema, latencyFor, matchingError } from "./faults";
import { answeringNode, type InFlightCounter } from "./in-flight";
import { validateParams } from "./params";
import { matchRoute, type Route, routePermissions, SimDownload } from "./router";

const guestFileSchema = z.object({
  vmid: z.number().int(),
  path: z.string().min(1),
  data: z.string().nullable(),
});

export interface ServerOptions {
  cluster: SimCluster;
  routes: Route[];
  key: string;
  cert: string;
  onUpgrade?: Server["on"] extends (event: "upgrade", listener: infer L) => unknown ? L : never;
  /** How long a 401 waits, 3 s as pveproxy; tests shorten it. */
  authFailureDelayMs?: number;
  /** The node whose pveproxy this server is: it answers the cluster-wide paths. */
  servedBy: string;
  /** Counts the API requests in flight per node, shared by every URL of the cluster. */
  inFlight?: InFlightCounter;
  /** Sees every API exchange: tests check requests and answers against PVE's schema with it. */
  onExchange?: (exchange: Exchange) => void;
  /** Told of each API request as it arrives, before any injected latency: tests act inside that window. */
  onArrival?: (request: { method: string; path: string }) => void;
  /** Told of every TLS connection accepted: tests count how many the portal opens. */
  onConnection?: () => void;
}

export interface Exchange {
  method: string;
  path: string;
  params: Record<string, string>;
  status: number;
  data: unknown;
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(parsed).map(([key, value]) => [
        key,
        typeof value === "boolean" ? (value ? "1" : "0") : String(value),
      ]),
    );
  }
  // PVE's decoder splits pairs on both & and ;, and a repeated key is an array (decode_urlencoded), kept
  // here joined with NUL as CGI.pm does.
  const pairs = new URLSearchParams(text.replace(/;/g, "&"));
  return Object.fromEntries([...new Set(pairs.keys())].map((key) => [key, pairs.getAll(key).join("\0")]));
}

function send(res: ServerResponse, status: number, body: unknown, reason?: string) {
  const json = JSON.stringify(body);
  res.writeHead(status, reason?.split("\n")[0]?.slice(0, 200), {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(json),
    Server: "pve-api-daemon/3.0",
  });
  res.end(json);
}

function sendError(res: ServerResponse, error: SimError) {
  send(
    res,
    error.status,
    { data: null, message: `${error.message}\n`, ...(error.errors ? { errors: error.errors } : {}) },
    error.message,
  );
}

async function handleControl(req: IncomingMessage, res: ServerResponse, cluster: SimCluster, url: URL) {
  if (url.pathname === "/_sim/faults" && req.method === "POST") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const parsed = faultsSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
    if (!parsed.success) return send(res, 400, { error: parsed.error.message });
    cluster.faults = parsed.data;
    return send(res, 200, { faults: cluster.faults });
  }
  if (url.pathname === "/_sim/faults" && req.method === "GET")
    return send(res, 200, { faults: cluster.faults });
  if (url.pathname === "/_sim/state" && req.method === "GET") return send(res, 200, cluster.state);
  // The guest-file hook for tests that run the simulator in another process: {vmid, path, data|null}.
  if (url.pathname === "/_sim/guest-files" && req.method === "POST") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const parsed = guestFileSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
    if (!parsed.success) return send(res, 400, { error: parsed.error.message });
    try {
      cluster.writeGuestFile(parsed.data.vmid, parsed.data.path, parsed.data.data);
    } catch (error) {
      return send(res, 400, { error: (error as Error).message });
    }
    return send(res, 200, { ok: true });
  }
  return send(res, 404, { error: "unknown control endpoint" });
}

export function createSimServer(options: ServerOptions): Server {
  const { cluster, routes } = options;
  const server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
    const seen: Partial<Exchange> = {};
    const pathname = (req.url ?? "/").split("?")[0]!;
    const leave = pathname.startsWith("/api2/json/")
      ? options.inFlight?.enter(answeringNode(pathname.slice("/api2/json".length), options.servedBy))
      : undefined;
    handle(req, res, seen)
      .catch((error: unknown) => {
        const failure =
          error instanceof SimError
            ? error
            : new SimError(500, error instanceof Error ? error.message : String(error));
        if (seen.path) options.onExchange?.({ ...(seen as Exchange), status: failure.status, data: null });
        sendError(res, failure);
      })
      // Right after the answer is written, before the client can read it and send its next request.
      .finally(() => leave?.());
  });

  async function handle(req: IncomingMessage, res: ServerResponse, seen: Partial<Exchange>) {
    const url = new URL(req.url ?? "/", "https://localhost");
    const user = authenticate(req.headers.authorization, cluster.access.config, cluster.now() / 1000);
    if (url.pathname.startsWith("/_sim/")) {
      if (!user) throw new SimError(401, "No ticket");
      return handleControl(req, res, cluster, url);
    }
    if (!url.pathname.startsWith("/api2/json/")) throw new SimError(501, "no such uri");
    const path = url.pathname.slice("/api2/json".length);
    const method = req.method ?? "GET";
    options.onArrival?.({ method, path });
    const delay = latencyFor(cluster.faults, path);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (!user) {
      // pve-http-server AnyEvent.pm delays every unauthorized answer by 3 s; pve-manager HTTPServer.pm
      // auth_handler says "Authentication failed!" for a bad token, "No ticket" for none.
      await new Promise((resolve) => setTimeout(resolve, options.authFailureDelayMs ?? 3000));
      throw new SimError(401, req.headers.authorization ? "Authentication failed!" : "No ticket");
    }
    const injected = matchingError(cluster.faults, method, path);
    if (injected) throw new SimError(injected.status, injected.message ?? "injected failure");
    const matched = matchRoute(routes, method, path, cluster.options.apiVersion);
    if (!matched || matched === "no-method")
      throw new SimError(501, `Method '${method} ${path}' not implemented`);
    const query = Object.fromEntries(url.searchParams);
    const body = method === "POST" || method === "PUT" ? await readBody(req) : {};
    if ((method === "GET" || method === "DELETE") && Number(req.headers["content-length"] ?? 0) > 0) {
      throw new SimError(501, `Unexpected content for method '${method}'`);
    }
    const params = { ...body, ...query };
    delete params._dc;
    Object.assign(seen, { method, path, params });
    // pve-manager PVE/HTTPServer.pm rest_handler: the schema's permission rule runs before the parameters
    // are verified, on the raw request.
    const perm = new PermissionChecker(cluster.access, user);
    perm.checkRoute(routePermissions(matched.route, cluster.options.apiVersion), {
      ...params,
      ...matched.pathParams,
    });
    const pathNames = Object.keys(matched.pathParams);
    const errors = validateParams({ ...params, ...matched.pathParams }, matched.route.params, pathNames);
    if (Object.keys(errors).length > 0) throw new SimError(400, "Parameter verification failed.", errors);
    const data = await matched.route.handle({ cluster, params, path: matched.pathParams, user, perm });
    if (data instanceof SimDownload) {
      options.onExchange?.({ method, path, params, status: 200, data: null });
      res.writeHead(200, {
        "Content-Type": data.contentType,
        "Content-Length": data.body.length,
        Server: "pve-api-daemon/3.0",
      });
      res.end(data.body);
      return;
    }
    options.onExchange?.({ method, path, params, status: 200, data: data ?? null });
    send(res, 200, { data: data ?? null });
  }

  if (options.onUpgrade) server.on("upgrade", options.onUpgrade);
  if (options.onConnection) server.on("secureConnection", options.onConnection);
  return server;
}
