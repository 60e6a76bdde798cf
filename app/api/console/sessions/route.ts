import { consoleSessionClosed, consoleSessionsAlive } from "@/lib/console/console-sessions";
import { sessionsReportSchema } from "@/lib/console/relay-protocol";
import { refuseNonRelay } from "@/lib/console/relay-secret";
import { invalid } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

/** For console relays only: which sessions are still open (answered with those to end), and how each ended. */
export const POST = routeHandler("/api/console/sessions", async (request: Request) => {
  refuseNonRelay(request);
  const parsed = sessionsReportSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw invalid("Send alive tokens or one closed session.");
  if ("alive" in parsed.data) {
    return Response.json({ ok: true, ...(await consoleSessionsAlive(parsed.data.alive)) });
  }
  const { closed, ...stats } = parsed.data;
  return Response.json({ ok: await consoleSessionClosed(closed, stats) });
});
