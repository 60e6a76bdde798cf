import { checkHealth } from "@/lib/health/check-health";
import { countRequests } from "@/lib/metrics/http-metrics";

export const dynamic = "force-dynamic";

/** Liveness: the process answers, and says how its database is doing. */
export const GET = countRequests("/api/health", async () => {
  const health = await checkHealth();
  return Response.json(health, { status: 200, headers: { "cache-control": "no-store" } });
});
