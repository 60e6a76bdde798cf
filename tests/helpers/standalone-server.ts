import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface StandaloneServer {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

/** The runtime image's /app, laid out by the same copies as the Dockerfile's portal stage. */
function assembleLikeTheImage(): string {
  const standalone = path.join(root, ".next/standalone");
  if (!existsSync(path.join(standalone, "server.js")))
    throw new Error("No standalone build: run `npm run build` (the e2e global setup does) first");
  const app = mkdtempSync(path.join(tmpdir(), "roost-standalone-"));
  cpSync(standalone, app, { recursive: true });
  rmSync(path.join(app, ".next/static"), { recursive: true, force: true });
  cpSync(path.join(root, ".next/static"), path.join(app, ".next/static"), { recursive: true });
  if (existsSync(path.join(root, "public")))
    cpSync(path.join(root, "public"), path.join(app, "public"), { recursive: true });
  cpSync(path.join(root, "db/migrations"), path.join(app, "db/migrations"), { recursive: true });
  return app;
}

// Loaded before server.js: the server ends when the test process that started it is gone.
const exitWithParent = `data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},1000).unref();`;

async function waitUntilHealthy(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const response = await fetch(`${url}/api/health`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not answer /api/health in time");
}

/**
 * Starts `node server.js` as the container does (NODE_ENV=production), with only the environment given
 * and PATH: nothing leaks in from the developer's shell.
 */
export async function startStandaloneServer(
  port: number,
  env: Record<string, string>,
): Promise<StandaloneServer> {
  const app = assembleLikeTheImage();
  let output = "";
  const child = spawn(process.execPath, [`--import=${exitWithParent}`, "server.js"], {
    cwd: app,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(app, { recursive: true, force: true });
  };
  const url = `http://localhost:${port}`;
  try {
    await waitUntilHealthy(url, child, Date.now() + 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
  }
  return { url, logs: () => output, stop };
}
