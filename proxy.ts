import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/auth";
import { can } from "@/lib/authz/permissions";

// /api/inngest has no session: Inngest's serve handler checks each request's signature with the signing key.
// /api/console/redeem answers only console relays, which prove themselves with the shared relay secret.
// /api/metrics answers only the bearer of ROOST_METRICS_TOKEN.
// /api/ipam/export serves DHCP and DNS servers holding the export token; each route checks token or session.
const publicPaths = [
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
];

function isPublic(pathname: string): boolean {
  return publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * The first gate: anonymous visitors go to sign-in, and /admin is only for admins and auditors. Pages,
 * actions and route handlers check again on the server; this only keeps the obvious out early.
 */
const gate = auth((request) => {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  const { pathname, search } = request.nextUrl;
  const user = request.auth?.user;
  const signedIn = Boolean(user && !user.disabled);

  let response: NextResponse;
  if (!signedIn && !isPublic(pathname)) {
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
  response.headers.set("x-request-id", requestId);
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

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|webmanifest)$).*)"],
};
