import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { Command } from "commander";
import { freePort } from "@/scripts/free-port";
import { actInTurn } from "./load/actions";
import { type Answer, Browserish } from "./load/http-driver";
import { CpuWindow, closedLoop, openStreams, pollingTabs, probe, renderOnce, sleep } from "./load/phases";
import { ensureBuilt, startPortalProcess } from "./load/portal-process";
import { seedDatabase } from "./load/seed-members";
import { PERIOD_MS, startSimClusters } from "./load/sim-clusters";
import { round } from "./stats";

/**
 * Issue #22: the built portal under the load its users make. Three simulated clusters with 5,000 VMs,
 * 2,000 signed-in members in PostgreSQL, and N open dashboards, first as today (each re-rendered every 3 s
 * by router.refresh) and then as live streams; a measuring visitor and a few actions all along.
 */
const options = new Command()
  .option("--members <n>", "members, each signed in", "2000")
  .option("--vms <n>", "VMs in all, dealt round-robin to the members", "5000")
  .option("--clusters <n>", "simulated clusters", "3")
  .option("--tabs <n>", "open dashboards in each design", "1000")
  .option("--seconds <n>", "steady-state seconds measured per design", "60")
  .option("--quiet-seconds <n>", "seconds with only the live streams open, before the visitor comes", "30")
  .option("--capacity-seconds <n>", "seconds of closed-loop page loads per page kind", "15")
  .option("--concurrency <n>", "closed-loop visitors for the capacity figures", "4")
  .option("--probe-rps <n>", "the measuring visitor's page loads per second", "4")
  .option("--action-every <ms>", "one member stops, starts and renews a VM this often", "10000")
  .option("--stream-path <path>", "the live-state stream a dashboard opens", "/api/live")
  .option("--designs <list>", "which designs to run: polling,live", "polling,live")
  .option("--database <name>", "the PostgreSQL database made (and dropped) for the run", "roost_bench_load")
  .option("--postgres <url>", "the PostgreSQL server", "postgres://postgres@127.0.0.1:5432/postgres")
  .option("--heap-snapshots <dir>", "write the portal's heap snapshots there, before and with the streams")
  .option("--build", "run next build even when the build looks current")
  .option("--reuse-build", "use the build there is, even when the source changed since")
  .parse(process.argv.slice(3), { from: "user" })
  .opts();

const int = (name: string) => Number.parseInt(options[name] as string, 10);
const designs = String(options.designs).split(",");
const tabsCount = int("tabs");
const seconds = int("seconds");

const log = (message: string) =>
  console.error(`[portal-load ${new Date().toISOString().slice(11, 19)}] ${message}`);

log(`build: ${ensureBuilt(options.build ? "force" : options.reuseBuild ? "reuse" : "when-stale")}`);
const clusters = await startSimClusters(int("clusters"), int("vms"));
const secretKey = randomBytes(32).toString("base64");
const database = await seedDatabase({
  serverUrl: options.postgres as string,
  name: options.database as string,
  sims: clusters.sims,
  memberCount: int("members"),
  totalVms: int("vms"),
  secretKey,
});
log(`seeded ${database.members.length} members, ${int("vms")} VMs on ${clusters.sims.length} clusters`);

const port = await freePort();
const metricsToken = randomBytes(24).toString("hex");
const publicUrl = `http://127.0.0.1:${port}`;
const portal = await startPortalProcess(
  port,
  {
    DATABASE_URL: database.url,
    ROOST_PUBLIC_URL: publicUrl,
    // Sign-in is not exercised (sessions are made as Auth.js makes them); the issuer is never asked.
    OIDC_ISSUER: "http://127.0.0.1:9/unused",
    OIDC_CLIENT_ID: "bench",
    OIDC_CLIENT_SECRET: "bench",
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    ROOST_SECRET_KEY: secretKey,
    ROOST_RELAY_SECRET: randomBytes(33).toString("base64url"),
    ROOST_CONSOLE_URL: "ws://127.0.0.1:9/console/ws",
    ROOST_METRICS_TOKEN: metricsToken,
  },
  { heapSnapshotDir: options.heapSnapshots as string | undefined },
).catch(async (error: unknown) => {
  await clusters.close();
  await database.drop();
  throw error;
});
log(`portal pid ${portal.pid} at ${portal.url}`);

const browser = new Browserish(portal.url);
const members = database.members;
const tabs = Array.from({ length: tabsCount }, (_, i) => members[i % members.length]!);
const result: Record<string, unknown> = {};
const perStream = (bytes: number, streams: number) => (streams > 0 ? round(bytes / 1024 / streams, 1) : null);

/**
 * What the portal holds after a full collection: V8's heap in use plus the memory outside it (buffers),
 * from its own Prometheus metrics (prom-client's default ones).
 */
async function retainedBytes(): Promise<number> {
  await portal.collectGarbage();
  const response = await fetch(`${portal.url}/api/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  const text = await response.text();
  const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  return metric("nodejs_heap_size_used_bytes") + metric("nodejs_external_memory_bytes");
}

/** Closed-loop page loads with the portal's CPU over them: CPU time per request is what sizing needs. */
async function measuredLoop(load: () => Promise<Answer>) {
  const window = new CpuWindow(portal);
  const figures = await closedLoop(int("capacitySeconds"), int("concurrency"), load);
  const { cpuCores } = window.end();
  return {
    ...figures,
    portalCpuCores: cpuCores,
    cpuMsPerRequest: figures.perSecond ? round((cpuCores * 1000) / figures.perSecond, 1) : null,
  };
}

function periodsSummary() {
  const periods = clusters.resourceCallsPerPeriod();
  return periods.map((counts) => ({
    max: Math.max(...counts),
    mean: round(counts.reduce((a, b) => a + b, 0) / counts.length, 2),
    periods: counts.length,
  }));
}

try {
  // Warm: every route compiled into memory, every cluster's client built, before anything is timed.
  await renderOnce(browser, members.slice(0, 20), 2);
  for (const member of members.slice(0, 10))
    await browser.page(`/vms/${member.vmIds[0]}`, member.sessionToken);

  const idle = new CpuWindow(portal);
  await sleep(5000);
  result.idle = idle.end();

  const concurrency = int("concurrency");
  const pickMember = () => members[Math.floor(Math.random() * members.length)]!;
  result.capacity = {
    concurrency,
    dashboard: await measuredLoop(() => {
      const member = pickMember();
      return browser.page("/vms", member.sessionToken);
    }),
    dashboardRefresh: await measuredLoop(() => {
      const member = pickMember();
      return browser.refresh("/vms", member.sessionToken);
    }),
    vmPage: await measuredLoop(() => {
      const member = pickMember();
      return browser.page(`/vms/${member.vmIds[0]}`, member.sessionToken);
    }),
  };
  log(`capacity: ${JSON.stringify(result.capacity)}`);

  if (designs.includes("polling")) {
    const tabBrowser = new Browserish(portal.url);
    clusters.markPeriods();
    const polling = pollingTabs(tabBrowser, tabs);
    // One full interval so that every tab is refreshing before the window opens.
    await sleep(3000);
    clusters.markPeriods();
    const window = new CpuWindow(portal);
    const visitor = probe(browser, members, int("probeRps"));
    const actions = actInTurn(browser, members, int("actionEvery"));
    await sleep(seconds * 1000);
    visitor.stop();
    polling.stop();
    const cpu = window.end();
    await actions.stop();
    tabBrowser.close();
    result.polling = {
      tabs: tabsCount,
      portal: cpu,
      ...polling.summary(seconds),
      visitor: visitor.summary(seconds),
      actions: actions.summary(),
      clusterResourcesPer10s: periodsSummary(),
      proxmoxCalls: clusters.callsByKind(),
    };
    log(`polling: ${JSON.stringify(result.polling)}`);
    await sleep(5000);
  }

  if (designs.includes("live")) {
    // Each tab's page is rendered once, then its stream carries the changes.
    const rendered = await renderOnce(browser, tabs, concurrency);
    const beforeStreams = { ...portal.sample(), retained: await retainedBytes() };
    if (options.heapSnapshots) log(`heap snapshot before the streams: ${await portal.writeHeapSnapshot()}`);
    const streamBrowser = new Browserish(portal.url);
    const streams = openStreams(streamBrowser, options.streamPath as string, tabs);
    const openDeadline = Date.now() + 120_000;
    while (streams.answered < tabsCount && Date.now() < openDeadline) await sleep(250);
    await sleep(2000);
    const withStreams = { ...portal.sample(), retained: await retainedBytes() };
    if (options.heapSnapshots) log(`heap snapshot with the streams: ${await portal.writeHeapSnapshot()}`);
    // First the streams alone, as open tabs nobody touches: what holding them costs, and the polls.
    clusters.markPeriods();
    const quiet = new CpuWindow(portal);
    await sleep(int("quietSeconds") * 1000);
    const quietCpu = quiet.end();
    const quietPolls = periodsSummary();
    const quietEvents = streams.summary().events;
    const afterQuiet = { ...portal.sample(), retained: await retainedBytes() };
    clusters.markPeriods();
    const window = new CpuWindow(portal);
    const visitor = probe(browser, members, int("probeRps"));
    const actions = actInTurn(browser, members, int("actionEvery"));
    await sleep(seconds * 1000);
    visitor.stop();
    const cpu = window.end();
    await actions.stop();
    const streamSummary = streams.summary();
    streams.close();
    result.live = {
      tabs: tabsCount,
      initialRender: rendered,
      streams: streamSummary,
      // What the streams added, right after they opened and after the quiet spell (more collections run).
      perStreamKb: {
        rssAtOpen: perStream(withStreams.rssBytes - beforeStreams.rssBytes, streamSummary.open),
        rssAfterQuiet: perStream(afterQuiet.rssBytes - beforeStreams.rssBytes, streamSummary.open),
        retainedAtOpen: perStream(withStreams.retained - beforeStreams.retained, streamSummary.open),
        retainedAfterQuiet: perStream(afterQuiet.retained - beforeStreams.retained, streamSummary.open),
      },
      streamsOnly: { portal: quietCpu, events: quietEvents, clusterResourcesPer10s: quietPolls },
      portal: cpu,
      visitor: visitor.summary(seconds),
      actions: actions.summary(),
      clusterResourcesPer10s: periodsSummary(),
      proxmoxCalls: clusters.callsByKind(),
    };
    log(`live: ${JSON.stringify(result.live)}`);
  }
} finally {
  browser.close();
  await portal.stop();
  await clusters.close();
  await database.drop();
}

console.log(
  JSON.stringify({
    bench: "portal-load",
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg1m: round(loadavg()[0]!, 2) },
    members: members.length,
    vms: int("vms"),
    clusters: clusters.sims.length,
    periodMs: PERIOD_MS,
    ...result,
  }),
);
