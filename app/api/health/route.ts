import { checkHealth } from "@/lib/health/check-health";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Liveness: the process answers, and says how its database is doing. */
export const GET = routeHandler("/api/health", async () => {
  const health = await checkHealth();
  return Response.json(health, { status: 200, headers: { "cache-control": "no-store" } });
});
