import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { SimCluster } from "./cluster";
import type { ConsoleService } from "./console/service";
import type { InFlightCounter } from "./in-flight";
import { simRoutes } from "./routes";
import { createSimServer, type Exchange } from "./server";
import { handleVncUpgrade } from "./upgrade";

/** One more API URL of the simulated cluster: the pveproxy of one node. */
export interface SimListener {
  url: string;
  node: string;
  /** Refuses new connections, as an unreachable pveproxy; sessions already open (consoles) go on. */
  pause(): void;
  /** Accepts connections again on the same port. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The cluster as the pveproxy of `node` serves it: the same state, tasks and faults, but consoles whose
 * proxies listen on that node's localhost. Everything but `console` is the cluster itself, so a change
 * made through one URL is seen through every other, as on a real cluster.
 */
export function clusterServedBy(cluster: SimCluster, consoles: ConsoleService, node: string): SimCluster {
  const console = consoles.servedBy(node);
  return new Proxy(cluster, {
    get: (target, key) => (key === "console" ? console : Reflect.get(target, key, target)),
  });
}

export interface ListenerOptions {
  cluster: SimCluster;
  consoles: ConsoleService;
  node: string;
  key: string;
  authFailureDelayMs?: number;
  cert: string;
  host: string;
  port?: number;
  onExchange?: (exchange: Exchange) => void;
  onArrival?: (request: { method: string; path: string }) => void;
  onConnection?: () => void;
  inFlight?: InFlightCounter;
}

/** Starts a further HTTPS listener for the cluster, as another node's pveproxy. */
export async function startListener(options: ListenerOptions): Promise<SimListener> {
  if (!options.cluster.state.nodes.some((node) => node.name === options.node))
    throw new Error(`the simulated cluster has no node ${options.node}`);
  const cluster = clusterServedBy(options.cluster, options.consoles, options.node);
  const server: Server = createSimServer({
    cluster,
    routes: simRoutes,
    servedBy: options.node,
    inFlight: options.inFlight,
    key: options.key,
    cert: options.cert,
    onExchange: options.onExchange,
    onArrival: options.onArrival,
    onConnection: options.onConnection,
    authFailureDelayMs: options.authFailureDelayMs,
    onUpgrade: handleVncUpgrade(cluster),
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${options.host}:${port}`,
    node: options.node,
    pause: () => {
      server.close();
      // Kept-alive API connections would still reach it; upgraded websockets are not among them.
      server.closeAllConnections();
    },
    resume: () => listen(port),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
