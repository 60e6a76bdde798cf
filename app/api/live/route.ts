import { getCurrentUser } from "@/lib/authz/current-user";
import { unauthenticated } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { LIVE_HEADERS } from "@/lib/live/live-headers";
import { authorizeLiveRequest, parseLiveRequest } from "@/lib/live/live-request";
import { openLiveStream } from "@/lib/live/live-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * One tab's live updates as server-sent events (lib/live/live-request.ts says what it may ask). A running
 * portal answers /api/live from plain Node ahead of Next (lib/http/live-endpoint.ts), which holds a
 * fraction of the memory per open tab; this route serves what reaches Next: requests that arrive
 * before the portal is ready, and tests that call it directly.
 */
export const GET = routeHandler("/api/live", async (request: Request) => {
  const asked = parseLiveRequest(new URL(request.url).searchParams);
  const user = await getCurrentUser();
  if (!user) throw unauthenticated("Sign in first.");
  authorizeLiveRequest(user, asked);
  return new Response(openLiveStream({ user, ...asked, request }), { headers: LIVE_HEADERS });
});
