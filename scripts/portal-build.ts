import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

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

/** True when there is no build, or a source file changed since the last one. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...sourceRoots, ...buildInputs].some((entry) => newestMtime(path.join(root, entry)) > built);
}

/** The standalone server ships without static assets; put them beside it, as the Dockerfile does. */
export function assembleStandalone(root: string): void {
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

/** `next build`, then the standalone server laid out to run from `.next/standalone/server.js`. */
export function buildPortal(root: string): void {
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  assembleStandalone(root);
}
