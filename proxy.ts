import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/auth";
import { problemOf, problemResponse } from "@/lib/api/problem";
import { can } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { portalPolicy } from "@/lib/http/portal-policy";
import { REQUEST_ID_HEADER, stampRequestIdentity, trustedProxyList } from "@/lib/http/request-identity";
import { refuseActionBody, refuseQuery } from "@/lib/http/request-input";
import { baseSecurityHeaders, newNonce, transportSecurity } from "@/lib/http/security-headers";

// /api/inngest has no session: Inngest's serve handler checks each request's signature with the signing key.
// /api/console/redeem answers only console relays, which prove themselves with the shared relay secret.
// /api/metrics answers only the bearer of ROOST_METRICS_TOKEN.
// /api/ipam/export serves DHCP and DNS servers holding the export token; each route checks token or session.
// /api/v1 answers API tokens only (Authorization: Bearer), never a session; lib/api/dispatch.ts checks each.
// The icons show on the sign-in page too.
const publicPaths = [
  "/icon.svg",
  "/apple-icon.png",
  "/signin",
  "/no-access",
  "/api/auth",
  "/api/health",
  "/api/ready",
  "/api/inngest",
  "/api/console/redeem",
  "/api/console/sessions",
  "/api/metrics",
  "/api/ipam/export",
  "/api/v1",
];

function isPublic(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

let trusted: ReturnType<typeof trustedProxyList> | undefined;

async function refuseInput(request: NextRequest): Promise<Response | null> {
  const query = refuseQuery(request.nextUrl.searchParams);
  const action =
    !query && request.method === "POST" && request.headers.has("next-action")
      ? refuseActionBody(request.headers.get("content-type"), await request.clone().text())
      : null;
  const refusal = query ?? action;
  if (!refusal) return null;
  // The API's callers read problem details, as from every other /api/v1 refusal.
  if (request.nextUrl.pathname.startsWith("/api/v1/"))
    return problemResponse(problemOf(refusal.status === 413 ? "too-large" : "invalid", refusal.error));
  return NextResponse.json({ error: refusal.error }, { status: refusal.status });
}

/**
 * The first gate: anonymous visitors go to sign-in, and /admin is only for admins and auditors. Pages,
 * actions and route handlers check again on the server; this only keeps the obvious out early. It also
 * gives every request the portal's own id and client address, and every response its security headers.
 */
const gate = auth(async (request) => {
  trusted ??= trustedProxyList(getConfig().ROOST_TRUSTED_PROXIES);
  const { headers, requestId } = stampRequestIdentity(request.headers, trusted);
  const nonce = newNonce();
  const { csp, https } = portalPolicy(nonce);
  // Next finds the nonce for its own scripts in the request's policy; the layout passes it on.
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const { pathname, search } = request.nextUrl;
  const user = request.auth?.user;
  const signedIn = Boolean(user && !user.disabled);

  let response: Response | null = await refuseInput(request);
  if (response) {
    // Refused before anything reads it.
  } else if (!signedIn && !isPublic(pathname)) {
    if (pathname.startsWith("/api/")) {
      response = NextResponse.json({ error: "Sign in first." }, { status: 401 });
    } else {
      const signin = new URL("/signin", request.nextUrl);
      if (pathname !== "/") signin.searchParams.set("callbackUrl", `${pathname}${search}`);
      response = NextResponse.redirect(signin);
    }
  } else if (
    (pathname === "/admin" || pathname.startsWith("/admin/")) &&
    !(user && can(user.role, "admin:read"))
  ) {
    response = NextResponse.rewrite(new URL("/404", request.nextUrl), { request: { headers }, status: 404 });
  } else {
    response = NextResponse.next({ request: { headers } });
  }
  for (const [name, value] of Object.entries({ ...baseSecurityHeaders, ...transportSecurity(https) }))
    response.headers.set(name, value);
  response.headers.set("content-security-policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
});

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  // With a lazily built Auth.js config, auth(handler) hands back a promise of the handler.
  const handler = (await (gate as unknown)) as (
    request: NextRequest,
    event: NextFetchEvent,
  ) => Promise<Response>;
  return handler(request, event);
}

// Every route, whatever its name looks like; only Next's own build output and image optimizer are left out.
export const config = {
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
