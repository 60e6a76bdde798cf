import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Liveness: the process answers, and says how its database is doing. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: 200, headers: { "cache-control": "no-store" } });
}
