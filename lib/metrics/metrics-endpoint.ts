import { timingSafeEqual } from "node:crypto";
import { metricsRegistry } from "./registry";

export function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The Prometheus scrape: 404 when no token is configured, so an unconfigured portal does not even say it
 * has metrics; 401 without the right bearer token.
 */
export async function answerMetricsScrape(request: Request, token: string | undefined): Promise<Response> {
  if (!token) return Response.json({ error: "Not found." }, { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return Response.json(
      { error: "Send the metrics token as a bearer token." },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="roost-metrics"' } },
    );
  }
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
