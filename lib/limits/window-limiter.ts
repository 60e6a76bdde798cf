/**
 * Counts attempts per key in a sliding window, in this process's memory: for a single process that has
 * no database of its own (the demo identity provider).
 */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt if there is room: null when allowed, else the seconds until there is room. */
  take(key: string): number | null {
    const attempt = this.attempt(key);
    return attempt.allowed ? null : attempt.resetSeconds;
  }

  /**
   * Records an attempt if there is room, saying what is left: the places still free in the window and the
   * seconds until the oldest counted attempt leaves it (when a place frees up).
   */
  attempt(key: string): { allowed: boolean; remaining: number; resetSeconds: number } {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    if (allowed && this.hits.size > 10_000) this.forgetQuiet(since);
    return {
      allowed,
      remaining: this.limit - recent.length,
      resetSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)),
    };
  }

  private forgetQuiet(since: number) {
    for (const [key, times] of this.hits) if (times.every((at) => at <= since)) this.hits.delete(key);
  }
}
