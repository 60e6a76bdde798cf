import { z } from "zod";
import { getConfig } from "@/lib/config";
import { consoleSessionClosed, consoleSessionsAlive } from "@/lib/console/console-sessions";
import { RELAY_SECRET_HEADER, relaySecretMatches } from "@/lib/console/relay-secret";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

const token = z.string().min(1).max(200);
const report = z.union([
  z.object({ alive: z.array(token).max(10_000) }),
  z.object({
    closed: token,
    reason: z.string().max(500),
    bytesToBrowser: z.number().int().min(0),
    bytesToVm: z.number().int().min(0),
  }),
]);

/** For console relays only: which sessions are still open (answered with those to end), and how each ended. */
export const POST = routeHandler("/api/console/sessions", async (request: Request) => {
  const secret = getConfig().ROOST_RELAY_SECRET;
  if (!secret) return Response.json({ error: "The console relay is not configured." }, { status: 503 });
  if (!relaySecretMatches(request.headers.get(RELAY_SECRET_HEADER), secret)) {
    return Response.json({ error: "Not found." }, { status: 404 });
  }
  const parsed = report.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return Response.json({ error: "Send alive tokens or one closed session." }, { status: 400 });
  if ("alive" in parsed.data) {
    return Response.json({ ok: true, ...(await consoleSessionsAlive(parsed.data.alive)) });
  }
  const { closed, ...stats } = parsed.data;
  return Response.json({ ok: await consoleSessionClosed(closed, stats) });
});
