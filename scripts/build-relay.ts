import { bundleForNode } from "./bundle-for-node";

/** Bundles the console relay into one file that runs on plain Node, for the relay's container image. */
await bundleForNode("server-ws/main.ts", "dist/relay/main.mjs");
