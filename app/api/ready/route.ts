import { checkProcessReadiness } from "@/lib/health/process-readiness";
import { countRequests } from "@/lib/metrics/http-metrics";

export const dynamic = "force-dynamic";

/** Readiness: 200 when this replica can serve, 503 naming the checks that failed. */
export const GET = countRequests("/api/ready", async () => {
  const readiness = await checkProcessReadiness();
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
