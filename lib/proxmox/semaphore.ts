export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`A limit is a whole number ≥ 1, not ${limit}`);
}

/** Lets at most `limit` tasks run at once; the rest wait in order. The limit may change while they run. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private limit: number) {
    checkLimit(limit);
  }

  get currentLimit(): number {
    return this.limit;
  }

  /** A lower limit lets the running tasks finish and starts no new one until fewer run. */
  setLimit(limit: number): void {
    checkLimit(limit);
    this.limit = limit;
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    // The slot is handed over by the task that leaves it, so no newcomer can slip in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.active <= this.limit ? this.waiting.shift() : undefined;
      if (next) next();
      else this.active--;
    }
  }
}
