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

export interface BackOffOptions {
  /** An answer slower than this says the node is struggling (PVE answers most calls in well under 1 s). */
  slowAnswerMs?: number;
  /** How long a struggling node keeps its lowered limit after its last sign of trouble. */
  backOffMs?: number;
  now?: () => number;
}

interface Lane {
  semaphore: Semaphore;
  /** Until when the lane stays below its limit; 0 when it is at its limit. */
  loweredUntil: number;
}

/**
 * At most `limit` requests in flight per lane; the others wait their turn, first come first served. A lane
 * whose node answers slowly, times out, or cannot be reached through its proxy (59x) has its limit halved
 * (down to one) until it has behaved for `backOffMs`: a node busy enough to fail gets fewer requests at
 * once, not the same number again.
 */
export class LaneLimiter {
  private readonly lanes = new Map<string, Lane>();
  private readonly slowAnswerMs: number;
  private readonly backOffMs: number;
  private readonly now: () => number;

  constructor(
    private readonly limit: number,
    options: BackOffOptions = {},
  ) {
    checkLimit(limit);
    this.slowAnswerMs = options.slowAnswerMs ?? 5_000;
    this.backOffMs = options.backOffMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { semaphore: new Semaphore(this.limit), loweredUntil: 0 };
      this.lanes.set(name, lane);
    }
    // Checked as requests come: a lane nobody uses needs no timer to recover.
    if (lane.loweredUntil && this.now() >= lane.loweredUntil) {
      lane.loweredUntil = 0;
      lane.semaphore.setLimit(this.limit);
    }
    return lane;
  }

  run<T>(lane: string, task: () => Promise<T>): Promise<T> {
    return this.lane(lane).semaphore.run(task);
  }

  /** What a lane's node answered: trouble lowers the lane's limit, a quiet spell restores it. */
  observe(name: string, answer: { durationMs: number; trouble: boolean }): void {
    if (!answer.trouble && answer.durationMs < this.slowAnswerMs) return;
    const lane = this.lane(name);
    lane.loweredUntil = this.now() + this.backOffMs;
    lane.semaphore.setLimit(Math.max(1, Math.floor(lane.semaphore.currentLimit / 2)));
  }

  /** The limit each lane has now, for metrics and tests. */
  limits(): Record<string, number> {
    return Object.fromEntries(
      [...this.lanes.keys()].map((name) => [name, this.lane(name).semaphore.currentLimit]),
    );
  }
}
