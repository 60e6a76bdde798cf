import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

const root = path.resolve(import.meta.dirname, "../..");

export interface RunningPortal {
  url: string;
  dataDir: string;
  logs(): string;
  stop(): Promise<void>;
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

/** Starts the portal exactly as `npm start` does, on free loopback ports with a throwaway data folder. */
export async function startPortal(extraEnv: Record<string, string> = {}): Promise<RunningPortal> {
  const [port, idpPort, simPort, relayPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const dataDir = mkdtempSync(path.join(tmpdir(), "roost-e2e-"));
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
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, Date.now() + 300_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- portal output ---\n${output.slice(-4000)}`);
  }
  return { url, dataDir, logs: () => output, stop };
}
