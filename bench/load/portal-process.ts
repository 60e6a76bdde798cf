import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { assembleStandalone, buildIsStale, buildPortal } from "@/scripts/portal-build";

const root = path.resolve(import.meta.dirname, "../..");
// /proc/<pid>/stat counts CPU time in clock ticks; Linux's USER_HZ is 100 on every architecture Node runs on.
const TICKS_PER_SECOND = 100;

export interface PortalProcess {
  url: string;
  pid: number;
  /** The portal's CPU seconds (user + system) and resident memory now, from /proc. */
  sample(): { cpuSeconds: number; rssBytes: number };
  /** Asks the portal to run a full garbage collection (a bench hook, not part of the product). */
  collectGarbage(): Promise<void>;
  /** With `heapSnapshotDir`: writes a V8 heap snapshot there (after a collection) and gives its path. */
  writeHeapSnapshot(): Promise<string>;
  logs(): string;
  stop(): Promise<void>;
}

/** Builds the portal when there is no build or the source changed since; reuses the build otherwise. */
export function ensureBuilt(how: "force" | "when-stale" | "reuse"): "built" | "reused" {
  const missing = !existsSync(path.join(root, ".next/standalone/server.js"));
  if (how === "force" || missing || (how === "when-stale" && buildIsStale(root))) {
    buildPortal(root);
    return "built";
  }
  assembleStandalone(root);
  return "reused";
}

export function readProc(pid: number): { cpuSeconds: number; rssBytes: number } {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
}

// Loaded as a data: URL, so no "?" (it would start a query). The server ends when the bench that started it is gone, however the bench ended; and SIGUSR2 makes it
// collect its garbage, so that what the bench reads of its heap is what it holds, not what it dropped.
const benchHooks = `data:text/javascript,const p=process.ppid;setInterval(()=>{if(process.ppid!==p)process.exit(0)},1000).unref();process.on("SIGUSR2",()=>{if(globalThis.gc)globalThis.gc()});`;

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output()}`);
    const response = await fetch(`${url}/api/health`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal did not answer /api/health in time:\n${output()}`);
}

/**
 * One Next.js process, `node .next/standalone/server.js` as `npm start` and the image run it, in
 * production mode against PostgreSQL, with only the environment given (and PATH).
 */
export async function startPortalProcess(
  port: number,
  env: Record<string, string>,
  { heapSnapshotDir }: { heapSnapshotDir?: string } = {},
): Promise<PortalProcess> {
  let output = "";
  // Node writes a snapshot on SIGUSR1 only when told to; otherwise that signal opens the inspector.
  const snapshots = heapSnapshotDir
    ? ["--heapsnapshot-signal=SIGUSR1", `--diagnostic-dir=${heapSnapshotDir}`]
    : [];
  const child = spawn(
    process.execPath,
    ["--expose-gc", ...snapshots, `--import=${benchHooks}`, path.join(root, ".next/standalone/server.js")],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        HOSTNAME: "127.0.0.1",
        PORT: String(port),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  try {
    await waitUntilHealthy(url, child, () => output.slice(-4000));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    sample: () => readProc(child.pid!),
    async collectGarbage() {
      child.kill("SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 1500));
    },
    async writeHeapSnapshot() {
      if (!heapSnapshotDir) throw new Error("the portal was started without a heap snapshot directory");
      child.kill("SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const before = new Set(readdirSync(heapSnapshotDir));
      child.kill("SIGUSR1");
      // The file appears when writing starts; it is complete once its size stops changing.
      let file: string | undefined;
      let size = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        file ??= readdirSync(heapSnapshotDir).find(
          (name) => !before.has(name) && name.endsWith(".heapsnapshot"),
        );
        if (!file) continue;
        const now = statSync(path.join(heapSnapshotDir, file)).size;
        if (now > 0 && now === size) return path.join(heapSnapshotDir, file);
        size = now;
      }
    },
    logs: () => output,
    stop,
  };
}
