import path from "node:path";
import { build } from "esbuild";

/** Bundles the portal image's entry point (scripts/images/start.ts) into one file for plain Node. */
const root = path.resolve(import.meta.dirname, "../..");

await build({
  absWorkingDir: root,
  entryPoints: ["scripts/images/start.ts"],
  outfile: "dist/start/start.mjs",
  bundle: true,
  minify: true,
  // oidc-provider finds its models by their class names.
  keepNames: true,
  platform: "node",
  target: "node20",
  format: "esm",
  tsconfig: "tsconfig.json",
  // Some dependencies are CommonJS: their require() calls need a require in an ES module.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // ws's optional native speed-ups; it falls back to JavaScript when they are absent.
  external: ["bufferutil", "utf-8-validate"],
  logLevel: "info",
});
