import path from "node:path";
import { launchRoost, loadConfig } from "./launch-roost";
import { buildIsStale, buildPortal } from "./portal-build";

/**
 * `npm start` and `npm run dev`: one command that runs the whole portal. In demo mode it also runs the
 * demo identity provider; each part switches to the real thing as its settings appear.
 */
const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

const config = loadConfig();

if (mode === "start" && buildIsStale(root)) {
  console.log("Building the portal (first start, or the source changed)…");
  buildPortal(root);
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
