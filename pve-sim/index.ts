import type { AddressInfo } from "node:net";
import { installAdminToken, parseToken, type SimToken } from "./auth";
import { SimCluster } from "./cluster";
import { ConsoleService } from "./console/service";
import type { Faults } from "./faults";
import { InFlightCounter } from "./in-flight";
import { type SimListener, startListener } from "./listeners";
import { loadState, saveState } from "./persistence";
import { simRoutes } from "./routes";
import { createSimServer, type Exchange } from "./server";
import type { ClusterState } from "./state/model";
import { demoCluster, emptyCluster } from "./state/seed";
import { loadOrCreateCertificate } from "./tls";
import { handleVncUpgrade } from "./upgrade";

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** `USER@REALM!TOKENID=SECRET`, the token that holds every privilege; the default is DEMO_TOKEN. */
  token?: string;
  /** Where the certificate and state live; null keeps everything in memory. */
  dataDir?: string | null;
  /** Tasks run this many times faster than on a real cluster. */
  taskSpeed?: number;
  seed?: "demo" | "empty";
  agentDelaySeconds?: number;
  now?: () => number;
  /** Which release the console answers as. */
  pveVersion?: "9.1" | "8.4";
  /** The display behind consoles: QEMU when installed ("auto"), or the built-in RFB server. */
  consoleBackend?: "auto" | "qemu" | "builtin";
  /** How long a config write waits for a VM's flock held by a task, as PVE's 10 s; tests make it short. */
  flockTimeoutMs?: number;
  /** How long the guest agent calls wait for an agent that does not answer, as PVE's 3 s guest-ping. */
  agentPingTimeoutMs?: number;
  /** How long a vncproxy waits for its websocket, as PVE's 10 s. */
  consoleAcceptMs?: number;
  /** How long a 401 waits (PVE: 3 s). */
  authFailureDelayMs?: number;
  onExchange?: (exchange: Exchange) => void;
  onArrival?: (request: { method: string; path: string }) => void;
}

export interface RunningSimulator {
  url: string;
  apiUrl: string;
  token: string;
  tokenId: string;
  tokenSecret: string;
  fingerprint: string;
  ca: string;
  cluster: SimCluster;
  state: ClusterState;
  setFaults(faults: Partial<Faults>): void;
  /** The API requests each node is answering, through every URL: tests read the most seen at once. */
  inFlight: Pick<InFlightCounter, "maxPerNode" | "reset">;
  /** TLS connections accepted through every URL so far: a client that keeps them alive opens few. */
  connectionsOpened(): number;
  /** Closes the kept-alive connections no request is using, as pveproxy does when one has idled long enough. */
  closeIdleConnections(): void;
  /** One more API URL for the same cluster, served as `node`'s pveproxy: its consoles are its own. */
  listen(options: { node: string; port?: number }): Promise<SimListener>;
  close(): Promise<void>;
}

/** The simulator's own token: every privilege, as an unseparated root@pam token has on a real cluster. */
export const DEMO_TOKEN = "root@pam!sim=5f0c8a42-demo-4d2b-9c1e-simulated0001";

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const tokenText = options.token ?? DEMO_TOKEN;
  const token: SimToken | null = parseToken(tokenText);
  if (!token) throw new Error("PVE_SIM_TOKEN must look like USER@REALM!TOKENID=SECRET");
  const dataDir = options.dataDir === undefined ? ".data/pve-sim" : options.dataDir;
  const now = options.now ?? Date.now;
  const certificate = await loadOrCreateCertificate(dataDir);
  const state =
    (dataDir && loadState(dataDir)) || (options.seed === "empty" ? emptyCluster() : demoCluster(now()));
  installAdminToken(state.access, token);
  const cluster = new SimCluster(state, {
    taskSpeed: options.taskSpeed ?? 1,
    now,
    agentDelaySeconds: options.agentDelaySeconds ?? 8,
    apiVersion: options.pveVersion ?? "9.1",
    certificate: certificate.cert,
    flockTimeoutMs: options.flockTimeoutMs ?? 10_000,
    agentPingTimeoutMs: options.agentPingTimeoutMs ?? 3_000,
  });
  const consoles = new ConsoleService({
    backend: options.consoleBackend,
    acceptWindowMs: options.consoleAcceptMs,
    now,
  });
  const servedBy = state.nodes[0]?.name ?? "localhost";
  cluster.console = consoles.servedBy(servedBy);
  const inFlight = new InFlightCounter();
  let connections = 0;
  const onConnection = () => {
    connections++;
  };
  const listeners: SimListener[] = [];
  const server = createSimServer({
    cluster,
    routes: simRoutes,
    servedBy,
    inFlight,
    key: certificate.key,
    cert: certificate.cert,
    onExchange: options.onExchange,
    onArrival: options.onArrival,
    onConnection,
    authFailureDelayMs: options.authFailureDelayMs,
    onUpgrade: handleVncUpgrade(cluster),
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8006, host, resolve);
  });
  const saver = dataDir ? setInterval(() => saveState(dataDir, state), 2000) : null;
  saver?.unref();
  const { port } = server.address() as AddressInfo;
  const url = `https://${host}:${port}`;
  return {
    url,
    apiUrl: `${url}/api2/json`,
    token: tokenText,
    tokenId: token.tokenId,
    tokenSecret: token.secret,
    fingerprint: certificate.fingerprint,
    ca: certificate.cert,
    cluster,
    state,
    inFlight,
    connectionsOpened: () => connections,
    closeIdleConnections: () => server.closeIdleConnections(),
    setFaults(faults) {
      cluster.faults = { ...cluster.faults, ...faults };
    },
    async listen({ node, port }) {
      const listener = await startListener({
        cluster,
        consoles,
        node,
        key: certificate.key,
        cert: certificate.cert,
        host,
        port,
        onExchange: options.onExchange,
        onArrival: options.onArrival,
        onConnection,
        authFailureDelayMs: options.authFailureDelayMs,
        inFlight,
      });
      listeners.push(listener);
      return listener;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (saver) clearInterval(saver);
        if (dataDir) saveState(dataDir, state);
        cluster.close();
        consoles.close();
        for (const listener of listeners) void listener.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
