import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/free-port";

const root = path.resolve(import.meta.dirname, "../..");

export interface PortalPorts {
  port: number;
  idpPort: number;
  simPort: number;
  relayPort: number;
}

export interface RunningPortal {
  url: string;
  dataDir: string;
  ports: PortalPorts;
  logs(): string;
  stop(): Promise<void>;
}

export interface PortalStart {
  /** A data folder to reuse, as a second `npm start` does; the caller removes it. Else a throwaway one. */
  dataDir?: string;
  ports?: PortalPorts;
}

async function waitForHealth(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the portal did not become healthy in time");
}

async function waitForPortFreed(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const answered = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts the portal exactly as `npm start` does, on free loopback ports with a throwaway data folder. */
export async function startPortal(
  extraEnv: Record<string, string> = {},
  start: PortalStart = {},
): Promise<RunningPortal> {
  const ports = start.ports ?? {
    port: await freePort(),
    idpPort: await freePort(),
    simPort: await freePort(),
    relayPort: await freePort(),
  };
  const { port, idpPort, simPort, relayPort } = ports;
  const dataDir = start.dataDir ?? mkdtempSync(path.join(tmpdir(), "roost-e2e-"));
  const url = `http://localhost:${port}`;
  let output = "";
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/roost.ts", "start"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DEMO_IDP_PORT: String(idpPort),
      PVE_SIM_PORT: String(simPort),
      ROOST_RELAY_PORT: String(relayPort),
      PVE_SIM_TASK_SPEED: "4",
      ROOST_DATA_DIR: dataDir,
      ROOST_EXIT_WITH_PARENT: "1",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  // The group may be gone before its exit is reported (a second stop, a busy machine): nothing to end then.
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const within = (ms: number) =>
        Promise.race([exited, new Promise((resolve) => setTimeout(resolve, ms))]);
      signal(child.pid, "SIGTERM");
      await within(10_000);
      if (child.exitCode === null) {
        signal(child.pid, "SIGKILL");
        await within(10_000);
      }
    }
    // A portal started next on the same ports must not find this one still answering there.
    await waitForPortFreed(url);
    if (!start.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, Date.now() + 300_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- portal output ---\n${output.slice(-4000)}`);
  }
  return { url, dataDir, ports, logs: () => output, stop };
}

/** Every API token secret the demo's simulator holds, the portal's own included (it is made at start). */
export function simulatorTokenSecrets(dataDir: string): string[] {
  const file = path.join(dataDir, "pve-sim", "state.json");
  if (!existsSync(file)) return [];
  const state = JSON.parse(readFileSync(file, "utf8")) as {
    access?: { users: { tokens: { secret: string }[] }[] };
  };
  return (state.access?.users ?? []).flatMap((user) => user.tokens.map((token) => token.secret));
}
