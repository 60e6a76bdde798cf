import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import WebSocket from "ws";
import { freePort } from "@/scripts/free-port";
import {
  openThrough,
  RIG_ORIGIN,
  RIG_SECRET,
  startFakePortal,
  startUpstream,
  type Upstream,
} from "@/tests/helpers/relay-rig";
import { median, percentile, round } from "./stats";

/**
 * Issue #5: the console relay (server-ws/main.ts, in a process of its own as deployed) against a direct
 * connection to the same upstream, in one run: throughput as a ratio, added latency per message, memory
 * per idle console, and 200 consoles at once.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function direct(upstream: Upstream, mode: "echo" | "flood"): Promise<WebSocket> {
  const ws = new WebSocket(upstream.url(mode), ["binary"], {
    rejectUnauthorized: false,
    perMessageDeflate: false,
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

async function startRelayProcess(portalUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server-ws/main.ts"], {
    env: {
      ...process.env,
      ROOST_RELAY_SECRET: RIG_SECRET,
      ROOST_INTERNAL_URL: portalUrl,
      ROOST_RELAY_PORT: String(port),
      ROOST_CONSOLE_ORIGINS: RIG_ORIGIN,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Console relay at")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the relay exited with ${code}`)));
  });
  child.stdout?.resume();
  return { url: `ws://127.0.0.1:${port}/console/ws`, child };
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

// CPU time (user + system) a process has used, in ms: a cost per byte that other load on the machine
// does not change, unlike throughput.
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

let relayedBytes = 0;
async function throughput(open: () => Promise<WebSocket>, seconds = 3): Promise<number> {
  const ws = await open();
  let bytes = 0;
  ws.on("message", (data: Buffer) => {
    bytes += data.length;
  });
  await sleep(500);
  const start = bytes;
  const started = performance.now();
  await sleep(seconds * 1000);
  const mbPerSecond = (bytes - start) / (1 << 20) / ((performance.now() - started) / 1000);
  ws.terminate();
  relayedBytes += bytes;
  await sleep(200);
  return mbPerSecond;
}

async function roundTrips(ws: WebSocket, count: number, size = 64): Promise<number[]> {
  const payload = Buffer.alloc(size, 1);
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      ws.once("message", () => resolve());
      ws.send(payload);
    });
    times.push(performance.now() - started);
  }
  return times;
}

const upstream = await startUpstream();
const portal = await startFakePortal(upstream);
const relay = await startRelayProcess(portal.url);
let serial = 0;
const viaRelay = (mode: "echo" | "flood") => () => openThrough(relay.url, `${mode}-${++serial}`);

// Throughput, alternating so both see the same machine state.
const directRates: number[] = [];
const relayRates: number[] = [];
let relayCpu = 0;
for (let round_ = 0; round_ < 5; round_++) {
  directRates.push(await throughput(() => direct(upstream, "flood")));
  relayedBytes = 0;
  const cpuBefore = cpuMs(relay.child.pid!);
  relayRates.push(await throughput(viaRelay("flood")));
  relayCpu += (cpuMs(relay.child.pid!) - cpuBefore) / (relayedBytes / (1 << 20));
}

// Latency of one small message there and back.
const directEcho = await direct(upstream, "echo");
const relayEcho = await viaRelay("echo")();
await roundTrips(directEcho, 200);
await roundTrips(relayEcho, 200);
const directTimes = await roundTrips(directEcho, 2000);
const relayTimes = await roundTrips(relayEcho, 2000);
directEcho.close();
relayEcho.close();

// Memory per idle console, and 200 consoles at once.
await sleep(500);
const rssBefore = rssMb(relay.child.pid!);
const consoles = await Promise.all(Array.from({ length: 200 }, () => viaRelay("echo")()));
await sleep(1500);
const rssIdle = rssMb(relay.child.pid!);
const loadTimes: number[] = [];
await Promise.all(
  consoles.map(async (ws) => {
    for (let index = 0; index < 20; index++) {
      loadTimes.push(...(await roundTrips(ws, 1, 256)));
      await sleep(50);
    }
  }),
);
const allOpen = consoles.every((ws) => ws.readyState === ws.OPEN);
for (const ws of consoles) ws.close();

const figures = {
  bench: "console-relay",
  loadAverage: round(loadavg()[0]!, 2),
  throughputDirectMBps: round(median(directRates), 1),
  throughputRelayMBps: round(median(relayRates), 1),
  throughputRatio: round(median(relayRates) / median(directRates), 3),
  relayCpuMsPerMB: round(relayCpu / 5, 3),
  latencyDirectMedianMs: round(median(directTimes), 3),
  latencyRelayMedianMs: round(median(relayTimes), 3),
  addedLatencyMedianMs: round(median(relayTimes) - median(directTimes), 3),
  addedLatencyP95Ms: round(percentile(relayTimes, 95) - percentile(directTimes, 95), 3),
  addedLatencyP99Ms: round(percentile(relayTimes, 99) - percentile(directTimes, 99), 3),
  relayRssBeforeMb: round(rssBefore, 1),
  memoryPerIdleConsoleKb: round(((rssIdle - rssBefore) * 1024) / 200, 1),
  concurrentConsoles: consoles.length,
  concurrentAllOpen: allOpen,
  concurrentRoundTripMedianMs: round(median(loadTimes), 2),
  concurrentRoundTripP99Ms: round(percentile(loadTimes, 99), 2),
};
// The relay logs its shutdown to our pipe: let it finish before this process (the reader) goes.
const relayExited = once(relay.child, "exit");
relay.child.kill("SIGTERM");
await relayExited;
portal.close();
await upstream.close();
console.log(JSON.stringify(figures));
process.exit(0);
