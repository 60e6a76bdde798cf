import path from "node:path";
import { defineConfig } from "vitest/config";

// The container images, built by scripts/images/build.sh: run by scripts/images/ci.sh, which sets the
// image names and podman's storage.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/images/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
