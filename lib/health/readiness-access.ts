import "server-only";
import { getUserWith } from "@/lib/authz/current-user";
import { getConfig } from "@/lib/config";
import { bearerMatches } from "@/lib/metrics/metrics-endpoint";
import type { Readiness } from "./readiness";

/**
 * What /api/ready tells its caller: everyone learns ready or not; the checks, with their errors (which
 * name hosts and ports), versions and cluster ids, only the metrics token's bearer or an admin or auditor.
 */
export async function readinessFor(
  request: Request,
  readiness: Readiness,
): Promise<Readiness | { ready: boolean }> {
  const token = getConfig().ROOST_METRICS_TOKEN;
  const header = request.headers.get("authorization");
  const detailed = header
    ? Boolean(token && bearerMatches(header, token))
    : Boolean(await getUserWith("admin:read"));
  return detailed ? readiness : { ready: readiness.ready };
}
