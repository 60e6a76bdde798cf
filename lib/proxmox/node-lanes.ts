import { checkLimit, Semaphore } from "./semaphore";

/**
 * pveproxy runs `max_workers => 3` (pve-manager PVE/Service/pveproxy.pm; MAX_WORKERS in
 * /etc/default/pveproxy overrides it, pve-http-server PVE/APIServer/Utils.pm), and pvedaemon, which runs
 * the protected calls such as power actions, as many (PVE/Service/pvedaemon.pm). A worker runs one API
 * handler at a time (PVE/APIServer/AnyEvent.pm handle_api2_request calls rest_handler synchronously),
 * while a request for another node is passed on to that node's pveproxy without holding a worker
 * (proxy_request, AnyEvent::HTTP). So the node in a path does the work, and a node has three hands.
 */
export const DEFAULT_NODE_CONCURRENCY = 3;

/** Who answers a request: the node in its path, else the node behind the API URL it is sent to. */
export function laneFor(path: string, apiUrl: string): string {
  const node = /^\/nodes\/([^/]+)/.exec(path)?.[1];
  return node ? `node ${decodeURIComponent(node)}` : `url ${new URL(apiUrl).host}`;
}

/** At most `limit` requests in flight per lane; the others wait their turn, first come first served. */
export class LaneLimiter {
  private readonly lanes = new Map<string, Semaphore>();

  constructor(private readonly limit: number) {
    checkLimit(limit);
  }

  run<T>(lane: string, task: () => Promise<T>): Promise<T> {
    let semaphore = this.lanes.get(lane);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.lanes.set(lane, semaphore);
    }
    return semaphore.run(task);
  }
}
