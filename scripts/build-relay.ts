import path from "node:path";
import { build } from "esbuild";

/** Bundles the console relay into one file that runs on plain Node, for the relay's container image. */
const root = path.resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: root,
  entryPoints: ["server-ws/main.ts"],
  outfile: "dist/relay/main.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  tsconfig: "tsconfig.json",
  // ws and prom-client are CommonJS: their require() calls need a require in an ES module.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // ws's optional native speed-ups; it falls back to JavaScript when they are absent.
  external: ["bufferutil", "utf-8-validate"],
  logLevel: "info",
});
