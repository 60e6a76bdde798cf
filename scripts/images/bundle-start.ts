import { bundleForNode } from "../bundle-for-node";

/** Bundles the portal image's entry point (scripts/images/start.ts) into one file for plain Node. */
await bundleForNode("scripts/images/start.ts", "dist/start/start.mjs", {
  minify: true,
  // oidc-provider finds its models by their class names.
  keepNames: true,
});
