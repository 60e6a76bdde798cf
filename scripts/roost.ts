import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { launchRoost, loadConfig } from "./launch-roost";

/**
 * `npm start` and `npm run dev`: one command that runs the whole portal. In demo mode it also runs the
 * demo identity provider; each part switches to the real thing as its settings appear.
 */
const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

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

await launchRoost({
  config,
  dataDir: path.resolve(root, config.ROOST_DATA_DIR),
  cwd: root,
  nextArgs: (host, port) =>
    mode === "dev"
      ? [nextBin, "dev", "--hostname", host, "--port", String(port)]
      : [path.join(root, ".next/standalone/server.js")],
});
