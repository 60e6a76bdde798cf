/**
 * How many API requests each node is answering at this moment, and the most it has had at once. A request
 * counts against the node in its path, where pve-manager's proxyto sends it (PVE/HTTPServer.pm, and
 * pve-http-server's proxy_request to that node's pveproxy), and a cluster-wide one against the node whose
 * pveproxy received it.
 */
export class InFlightCounter {
  private readonly current = new Map<string, number>();
  private readonly highest = new Map<string, number>();

  /** Counts a request against `node`; the function it returns ends it, once. */
  enter(node: string): () => void {
    const count = (this.current.get(node) ?? 0) + 1;
    this.current.set(node, count);
    this.highest.set(node, Math.max(count, this.highest.get(node) ?? 0));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.current.set(node, (this.current.get(node) ?? 1) - 1);
    };
  }

  /** The most requests each node has had in flight at once since the start or the last `reset`. */
  maxPerNode(): Record<string, number> {
    return Object.fromEntries(this.highest);
  }

  /** Forgets the maxima, so a test can measure one burst. */
  reset(): void {
    this.highest.clear();
  }
}

/** The node a request is for: `/nodes/{node}/…`, else the node serving the API URL. */
export function answeringNode(apiPath: string, servedBy: string): string {
  const node = /^\/nodes\/([^/]+)/.exec(apiPath)?.[1];
  return node ? decodeURIComponent(node) : servedBy;
}
