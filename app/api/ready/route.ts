import { checkProcessReadiness } from "@/lib/health/process-readiness";
import { readinessFor } from "@/lib/health/readiness-access";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** Readiness: 200 when this replica can serve, 503 when not; which checks failed only for operators. */
export const GET = routeHandler("/api/ready", async (request: Request) => {
  const readiness = await checkProcessReadiness();
  return Response.json(await readinessFor(request, readiness), {
    status: readiness.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
