import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { baseSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  output: "standalone",
  // The standalone server must find the migrations it applies at start.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  // The proxy gives every other response these and its CSP; Next's build output does not pass through it.
  async headers() {
    const headers = Object.entries(baseSecurityHeaders).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
    ];
  },
  // Native and WASM packages must be loaded from node_modules at run time, not bundled.
  // prom-client too: one copy of it, so every bundle's metrics land in the one registry.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pino-pretty", "postgres", "prom-client"],
};

// Pages find their language, time zone and messages through lib/i18n/request-config.ts.
export default createNextIntlPlugin("./lib/i18n/request-config.ts")(nextConfig);
