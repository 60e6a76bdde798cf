import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // The standalone server must find the migrations it applies at start.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  // Native and WASM packages must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty", "postgres"],
};

export default nextConfig;
