import { z } from "zod";
import { type ClusterResource, clusterResourceSchema } from "./schemas";
import type { Transport } from "./transport";

/**
 * Many dashboards refreshing at once cost one upstream call per cluster per period: concurrent callers
 * share the call in flight, and its answer is reused until it is `ttlMs` old.
 */
export class ResourceCache {
  private cached: { at: number; resources: ClusterResource[] } | null = null;
  private inFlight: Promise<ClusterResource[]> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly ttlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  async get({ maxAgeMs = this.ttlMs }: { maxAgeMs?: number } = {}): Promise<ClusterResource[]> {
    if (this.cached && this.now() - this.cached.at < maxAgeMs) return this.cached.resources;
    this.inFlight ??= this.transport
      .call("GET", "/cluster/resources")
      .then((rows) => {
        const resources = z.array(clusterResourceSchema).parse(rows);
        this.cached = { at: this.now(), resources };
        return resources;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  invalidate(): void {
    this.cached = null;
  }
}
