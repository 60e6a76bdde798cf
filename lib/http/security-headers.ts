/** Headers every response carries, whatever it is; the CSP and HSTS are added per request by the proxy. */
export const baseSecurityHeaders: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "permissions-policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), midi=()",
  "cross-origin-opener-policy": "same-origin",
};

export interface PolicyInput {
  /** Fresh for every request; Next puts it on its own scripts (it reads it from the request's CSP). */
  nonce: string;
  /** Where the console pages open their websocket: the relay's origin (ws: or wss:). */
  relayOrigin: string;
  /** Where a sign-in form may send the browser: the identity provider. */
  identityProviderOrigin: string;
  https: boolean;
  /** Next's development server evaluates code for hot reloading. */
  development: boolean;
}

/**
 * Scripts run only with this request's nonce ('strict-dynamic' lets them load Next's chunks); styles may
 * be inline because React, noVNC and xterm.js set them on elements. Nothing may frame the portal.
 */
export function contentSecurityPolicy(input: PolicyInput): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${input.nonce}'`,
      "'strict-dynamic'",
      ...(input.development ? ["'unsafe-eval'"] : []),
    ],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", input.relayOrigin],
    ["worker-src", "'self'", "blob:"],
    ["frame-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", input.identityProviderOrigin],
    ["frame-ancestors", "'none'"],
    ...(input.https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** HSTS only where the portal is served over https: on http it would be ignored, and wrong. */
export function transportSecurity(https: boolean): Record<string, string> {
  return https ? { "strict-transport-security": "max-age=31536000" } : {};
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
