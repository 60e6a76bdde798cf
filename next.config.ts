import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // The standalone server must find the migrations it applies at start.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  // Native and WASM packages must be loaded from node_modules at run time, not bundled.
  // prom-client too: one copy of it, so every bundle's metrics land in the one registry.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty", "postgres", "prom-client"],
};

export default nextConfig;
