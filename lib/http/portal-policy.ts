import { getConfig } from "@/lib/config";
import { consoleRelayUrl } from "@/lib/console/relay-url";
import { baseSecurityHeaders, contentSecurityPolicy, transportSecurity } from "./security-headers";

/** This portal's content security policy for one response (its nonce), and whether it is served over https. */
export function portalPolicy(nonce: string): { csp: string; https: boolean } {
  const config = getConfig();
  const https = config.publicUrl.startsWith("https:");
  const csp = contentSecurityPolicy({
    nonce,
    relayOrigin: new URL(consoleRelayUrl(config)).origin.replace(/^http/, "ws"),
    identityProviderOrigin: new URL(
      config.demo ? config.demoIdpUrl : (config.OIDC_ISSUER ?? config.publicUrl),
    ).origin,
    https,
    development: process.env.NODE_ENV === "development",
  });
  return { csp, https };
}

/** The security headers the proxy gives every answer, for an answer sent without it. */
export function portalSecurityHeaders(nonce: string): Record<string, string> {
  const { csp, https } = portalPolicy(nonce);
  return { ...baseSecurityHeaders, ...transportSecurity(https), "content-security-policy": csp };
}
