import type { IncomingMessage } from "node:http";
import { percentile, round } from "../stats";
import type { Answer, Browserish } from "./http-driver";
import type { PortalProcess } from "./portal-process";
import type { Member } from "./seed-members";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Latencies {
  readonly ms: number[] = [];
  bytes = 0;
  errors = 0;
  statuses = new Map<number, number>();

  record(answer: Answer, ok = answer.status === 200): void {
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (ok) {
      this.ms.push(answer.ms);
      this.bytes += answer.bytes;
    } else this.errors++;
  }

  fail(): void {
    this.errors++;
  }

  summary(seconds?: number) {
    return {
      count: this.ms.length,
      errors: this.errors,
      ...(seconds ? { perSecond: round(this.ms.length / seconds, 1) } : {}),
      p50Ms: this.ms.length ? round(percentile(this.ms, 50), 1) : null,
      p95Ms: this.ms.length ? round(percentile(this.ms, 95), 1) : null,
      meanKb: this.ms.length ? round(this.bytes / this.ms.length / 1024, 1) : null,
      ...(this.errors ? { statuses: Object.fromEntries(this.statuses) } : {}),
    };
  }
}

/** The portal's CPU (share of one core) and memory over a stretch of time. */
export class CpuWindow {
  private readonly start: { cpuSeconds: number; rssBytes: number };
  private readonly startedAt = performance.now();
  peakRssBytes: number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly portal: PortalProcess) {
    this.start = portal.sample();
    this.peakRssBytes = this.start.rssBytes;
    this.timer = setInterval(() => {
      this.peakRssBytes = Math.max(this.peakRssBytes, portal.sample().rssBytes);
    }, 500);
  }

  end() {
    clearInterval(this.timer);
    const now = this.portal.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    return {
      seconds: round(seconds, 1),
      cpuCores: round((now.cpuSeconds - this.start.cpuSeconds) / seconds, 3),
      rssMb: round(now.rssBytes / 2 ** 20, 1),
      peakRssMb: round(Math.max(this.peakRssBytes, now.rssBytes) / 2 ** 20, 1),
    };
  }
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/** `workers` people, each opening the next page as soon as the last one arrived, for `seconds`. */
export async function closedLoop(
  seconds: number,
  workers: number,
  load: () => Promise<Answer>,
): Promise<ReturnType<Latencies["summary"]>> {
  const latencies = new Latencies();
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) {
        try {
          latencies.record(await load());
        } catch {
          latencies.fail();
        }
      }
    }),
  );
  return latencies.summary(seconds);
}

/**
 * The measuring visitor: `perSecond` page loads a second whatever the portal's state, half dashboards and
 * half VM pages of random members, timed separately. Stops with the returned function.
 */
export function probe(browser: Browserish, members: Member[], perSecond: number) {
  const dashboards = new Latencies();
  const vmPages = new Latencies();
  let n = 0;
  const timer = setInterval(() => {
    const member = pick(members);
    const target = n++ % 2 === 0 ? dashboards : vmPages;
    const path = target === dashboards ? "/vms" : `/vms/${pick(member.vmIds)}`;
    browser.page(path, member.sessionToken).then(
      (answer) => target.record(answer),
      () => target.fail(),
    );
  }, 1000 / perSecond);
  return {
    stop: () => clearInterval(timer),
    summary: (seconds: number) => ({
      dashboard: dashboards.summary(seconds),
      vmPage: vmPages.summary(seconds),
    }),
  };
}

/** Today's design: every open dashboard asks for a fresh render every 3 s while its last one is answered. */
export function pollingTabs(browser: Browserish, tabs: Member[], intervalMs = 3000) {
  const latencies = new Latencies();
  let skipped = 0;
  let stopped = false;
  const timers = tabs.map((member, i) => {
    let busy = false;
    const tick = () => {
      // router.refresh() while one is still out: the router drops the older one; here it waits instead.
      if (busy) {
        skipped++;
        return;
      }
      busy = true;
      browser.refresh("/vms", member.sessionToken).then(
        (answer) => {
          busy = false;
          latencies.record(answer);
        },
        () => {
          busy = false;
          // Refreshes still out when the tabs close are cut off by the bench, not failed by the portal.
          if (!stopped) latencies.fail();
        },
      );
    };
    // The tabs were opened at different moments, so their timers are spread over the interval.
    const start = setTimeout(
      () => {
        tick();
        timers[i] = setInterval(tick, intervalMs);
      },
      (i / tabs.length) * intervalMs,
    );
    return start as NodeJS.Timeout;
  });
  return {
    stop: () => {
      stopped = true;
      for (const timer of timers) {
        clearTimeout(timer);
        clearInterval(timer);
      }
    },
    summary: (seconds: number) => ({
      demandedPerSecond: round((tabs.length * 1000) / intervalMs, 1),
      skippedWhileWaiting: skipped,
      refresh: latencies.summary(seconds),
    }),
  };
}

/** Open event streams: how many answered 200, and the events and bytes each has received. */
export function openStreams(browser: Browserish, path: string, tabs: Member[]) {
  let open = 0;
  let refused = 0;
  let events = 0;
  let bytes = 0;
  const statuses = new Map<number, number>();
  const closers = tabs.map((member) =>
    browser.openStream(path, member.sessionToken, (res: IncomingMessage) => {
      statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
      if (res.statusCode !== 200) {
        refused++;
        res.resume();
        return;
      }
      open++;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        // One event per blank line that ends it (the SSE format).
        events += chunk.toString("utf8").split("\n\n").length - 1;
      });
      res.on("close", () => open--);
    }),
  );
  return {
    get open() {
      return open;
    },
    get answered() {
      return open + refused;
    },
    close: () => {
      for (const close of closers) close();
    },
    summary: () => ({ open, refused, events, bytes, statuses: Object.fromEntries(statuses) }),
  };
}

/** Opens each tab's page once, `concurrency` at a time, as people arriving would. */
export async function renderOnce(browser: Browserish, tabs: Member[], concurrency: number) {
  const latencies = new Latencies();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tabs.length) {
        const member = tabs[next++]!;
        try {
          latencies.record(await browser.page("/vms", member.sessionToken));
        } catch {
          latencies.fail();
        }
      }
    }),
  );
  return latencies.summary();
}
