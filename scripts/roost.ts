import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { startDemoIdp } from "@/demo-idp/server";
import { ConfigError, parseConfig } from "@/lib/config";
import { startSimulator } from "@/pve-sim";
import { startRelay } from "@/server-ws/relay";
import { givePortalItsToken } from "./demo-portal-token";

/**
 * `npm start` and `npm run dev`: one command that runs the whole portal. In demo mode it also runs the
 * demo identity provider; each part switches to the real thing as its settings appear.
 */
const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

function loadConfig() {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const sourceRoots = ["app", "components", "lib", "db", "public", "auth.ts", "proxy.ts", "instrumentation.ts"];
const buildInputs = ["package-lock.json", "next.config.ts", "tsconfig.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    0,
  );
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...sourceRoots, ...buildInputs].some((entry) => newestMtime(path.join(root, entry)) > built);
}

const config = loadConfig();

if (mode === "start" && buildIsStale()) {
  console.log("Building the portal (first start, or the source changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  assembleStandalone();
}

/** The standalone server ships without static assets; put them beside it, as the Dockerfile does. */
function assembleStandalone() {
  const standalone = path.join(root, ".next/standalone");
  for (const [from, to] of [
    [".next/static", ".next/static"],
    ["public", "public"],
  ] as const) {
    rmSync(path.join(standalone, to), { recursive: true, force: true });
    if (existsSync(path.join(root, from)))
      cpSync(path.join(root, from), path.join(standalone, to), { recursive: true });
  }
}

const stops: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  AUTH_URL: process.env.AUTH_URL ?? config.publicUrl,
  // The standalone server runs in its own folder; data must stay where the operator put it.
  ROOST_DATA_DIR: path.resolve(root, config.ROOST_DATA_DIR),
  HOSTNAME: config.listenHost,
  PORT: String(config.PORT),
};

if (!config.PVE_API_URLS?.length) {
  // No cluster configured: the built-in simulator stands in for one, as in demo mode.
  const simulator = await startSimulator({
    port: config.PVE_SIM_PORT,
    dataDir: path.resolve(root, config.ROOST_DATA_DIR, "pve-sim"),
    taskSpeed: config.PVE_SIM_TASK_SPEED,
  });
  stops.push(simulator.close);
  const portalToken = await givePortalItsToken(simulator);
  Object.assign(env, {
    PVE_API_URLS: simulator.url,
    PVE_TOKEN_ID: portalToken.tokenId,
    PVE_TOKEN_SECRET: portalToken.secret,
    PVE_FINGERPRINT: simulator.fingerprint,
    PVE_CLUSTER_NAME: "Simulated cluster",
  });
  console.log(
    `Proxmox VE simulator: ${simulator.apiUrl} (administrator token ${simulator.tokenId}; the portal uses ${portalToken.tokenId})`,
  );
}

// The portal and its console relay share a secret; one start of both can make it up for itself.
env.ROOST_RELAY_SECRET ??= randomBytes(33).toString("base64url");
const relay = await startRelay({
  host: config.listenHost,
  port: config.ROOST_RELAY_PORT,
  portalUrl: `http://127.0.0.1:${config.PORT}`,
  relaySecret: env.ROOST_RELAY_SECRET,
  allowedOrigins: [new URL(config.publicUrl).origin],
  log: (event) =>
    console.log(JSON.stringify({ app: "roost-relay", time: new Date().toISOString(), ...event })),
});
stops.push(relay.close);
console.log(`Console relay: ${relay.url}`);

if (config.demo) {
  const idpUrl = new URL(config.demoIdpUrl);
  const idp = await startDemoIdp({
    host: idpUrl.hostname,
    port: Number(idpUrl.port),
    portalUrl: config.publicUrl,
  });
  stops.push(idp.close);
  console.log(`Demo identity provider: ${idp.issuer}`);
}

const nextArgs =
  mode === "dev"
    ? [nextBin, "dev", "--hostname", config.listenHost, "--port", String(config.PORT)]
    : [path.join(root, ".next/standalone/server.js")];
const next = spawn(process.execPath, nextArgs, { cwd: root, env, stdio: "inherit" });
children.push(next);
console.log(
  `Roost ${config.demo ? "(demo mode) " : ""}at ${config.publicUrl}, listening on ${config.listenHost}:${config.PORT}`,
);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.allSettled(stops.map((stop) => stop()));
  process.exit(code);
}

next.on("exit", (code) => void shutdown(code ?? 0));
process.on("SIGINT", () => void shutdown(0));
// Test harnesses set this so that a portal they started never outlives them.
if (process.env.ROOST_EXIT_WITH_PARENT === "1") {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(0);
  }, 1000).unref();
}
process.on("SIGTERM", () => void shutdown(0));
