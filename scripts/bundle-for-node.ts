import path from "node:path";
import { type BuildOptions, build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

/** Bundles one entry point of the repository into a single ES module that runs on plain Node 20. */
export function bundleForNode(entry: string, outfile: string, extra: BuildOptions = {}) {
  return build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    tsconfig: "tsconfig.json",
    // Some dependencies (ws, prom-client, …) are CommonJS: their require() calls need a require in an ES module.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    // ws's optional native speed-ups; it falls back to JavaScript when they are absent.
    external: ["bufferutil", "utf-8-validate"],
    logLevel: "info",
    ...extra,
  });
}
