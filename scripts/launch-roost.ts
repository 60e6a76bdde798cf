import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startDemoIdp } from "@/demo-idp/server";
import { type Config, ConfigError, parseConfig } from "@/lib/config";
import { startSimulator } from "@/pve-sim";
import { startRelay } from "@/server-ws/relay";
import { givePortalItsToken } from "./demo-portal-token";
import { freePort } from "./free-port";
import { startFrontDoor } from "./front-door";

export function loadConfig(): Config {
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

export interface LaunchOptions {
  config: Config;
  /** Where the portal, the simulator and the secrets keep their files. */
  dataDir: string;
  /** The command line (after `node`) that runs the Next server on HOSTNAME and PORT. */
  nextArgs(host: string, port: number): string[];
  cwd: string;
  /**
   * Serve what a browser reaches, the demo identity provider and the console relay included, on the
   * portal's one port (a container publishes one); otherwise each keeps its own port, as `npm start` does.
   */
  onePort?: boolean;
}

const DEMO_IDP_PATH = "/demo-idp";
const RELAY_PATH = "/console/ws";

/**
 * The portal's pages follow a redirect within their own origin without leaving the page, so the demo
 * identity provider must have an origin of its own: behind the door, the portal's host by its other
 * loopback name (the same port reaches both).
 */
function otherLoopbackName(hostname: string): string | null {
  if (hostname === "localhost") return "127.0.0.1";
  if (hostname === "127.0.0.1") return "localhost";
  return null;
}

/**
 * Runs the portal with what it lacks beside it: the Proxmox VE simulator while no cluster is configured,
 * the console relay while ROOST_CONSOLE_URL names no other, and the demo identity provider in demo mode.
 */
export async function launchRoost(options: LaunchOptions): Promise<void> {
  const { config, onePort = false } = options;
  const stops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  const publicUrl = new URL(config.publicUrl);
  const idpBehindDoor =
    onePort && config.demo && !config.DEMO_IDP_URL && otherLoopbackName(publicUrl.hostname) !== null;
  const relayBehindDoor = onePort && !config.ROOST_CONSOLE_URL;
  const door = idpBehindDoor || relayBehindDoor;
  const nextHost = door ? "127.0.0.1" : config.listenHost;
  const nextPort = door ? await freePort() : config.PORT;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AUTH_URL: process.env.AUTH_URL ?? config.publicUrl,
    // Behind the door the portal listens on a port of its own; its address for people stays this one.
    ROOST_PUBLIC_URL: config.publicUrl,
    // The standalone server runs in its own folder; data must stay where the operator put it.
    ROOST_DATA_DIR: options.dataDir,
    HOSTNAME: nextHost,
    PORT: String(nextPort),
  };
  const banner: string[] = [];

  if (!config.PVE_API_URLS?.length) {
    // No cluster configured: the built-in simulator stands in for one, as in demo mode.
    const simulator = await startSimulator({
      port: config.PVE_SIM_PORT,
      dataDir: path.join(options.dataDir, "pve-sim"),
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
    banner.push(
      `Proxmox VE simulator: ${simulator.apiUrl} (administrator token ${simulator.tokenId}; the portal uses ${portalToken.tokenId})`,
    );
  }

  const routes: { prefix: string; port: number }[] = [];
  if (!config.ROOST_CONSOLE_URL) {
    // The portal and its console relay share a secret; one start of both can make it up for itself.
    env.ROOST_RELAY_SECRET ??= randomBytes(33).toString("base64url");
    const relay = await startRelay({
      host: relayBehindDoor ? "127.0.0.1" : config.listenHost,
      port: relayBehindDoor ? 0 : config.ROOST_RELAY_PORT,
      portalUrl: `http://127.0.0.1:${nextPort}`,
      relaySecret: env.ROOST_RELAY_SECRET,
      allowedOrigins: [publicUrl.origin],
      log: (event) =>
        console.log(JSON.stringify({ app: "roost-relay", time: new Date().toISOString(), ...event })),
    });
    stops.push(relay.close);
    let relayUrl = relay.url;
    if (relayBehindDoor) {
      relayUrl = `${publicUrl.protocol === "https:" ? "wss:" : "ws:"}//${publicUrl.host}${RELAY_PATH}`;
      env.ROOST_CONSOLE_URL = relayUrl;
      routes.push({ prefix: RELAY_PATH, port: Number(new URL(relay.url).port) });
    }
    banner.push(`Console relay: ${relayUrl}`);
  }

  if (config.demo) {
    const idpUrl = new URL(config.demoIdpUrl);
    let listen = { host: idpUrl.hostname, port: Number(idpUrl.port) };
    let issuer: string | undefined;
    if (idpBehindDoor) {
      const other = new URL(publicUrl.origin);
      other.hostname = otherLoopbackName(publicUrl.hostname) ?? other.hostname;
      issuer = `${other.origin}${DEMO_IDP_PATH}`;
      listen = { host: "127.0.0.1", port: 0 };
    } else if (onePort) {
      // No second name for the portal's host: the provider needs a port of its own, published beside it.
      issuer = config.DEMO_IDP_URL ?? `${publicUrl.protocol}//${publicUrl.hostname}:${config.DEMO_IDP_PORT}`;
      listen = { host: config.listenHost, port: Number(new URL(issuer).port) || config.DEMO_IDP_PORT };
    }
    const idp = await startDemoIdp({ ...listen, issuer, portalUrl: config.publicUrl });
    stops.push(idp.close);
    if (issuer) env.DEMO_IDP_URL = issuer;
    if (idpBehindDoor) routes.push({ prefix: DEMO_IDP_PATH, port: idp.port });
    banner.push(`Demo identity provider: ${idp.issuer}`);
  }

  if (door) {
    // Behind the door every request comes from 127.0.0.1; the door says who sent it.
    env.ROOST_TRUSTED_PROXIES = [...config.ROOST_TRUSTED_PROXIES, "127.0.0.1"].join(",");
    const frontDoor = await startFrontDoor({
      host: config.listenHost,
      port: config.PORT,
      routes,
      fallbackPort: nextPort,
    });
    stops.push(frontDoor.close);
  }

  const next = spawn(process.execPath, options.nextArgs(nextHost, nextPort), {
    cwd: options.cwd,
    env,
    stdio: "inherit",
  });
  children.push(next);
  for (const line of banner) console.log(line);
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
}
