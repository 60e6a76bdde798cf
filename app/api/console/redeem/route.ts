import { z } from "zod";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { getConfig } from "@/lib/config";
import { redeemConsoleTicket } from "@/lib/console/console-tickets";
import { RELAY_SECRET_HEADER, relaySecretMatches } from "@/lib/console/relay-secret";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

const body = z.object({ token: z.string().min(1).max(200) });

const reasons = {
  unknown: "This console link is not valid; open the console again.",
  used: "This console link was already used; open the console again.",
  expired: "This console link expired; open the console again.",
  limit: "You have as many consoles open as allowed; close one first.",
  moved: "The cluster's addresses changed since this console was opened; open the console again.",
} as const;

/** For console relays only: redeems a browser's ticket once and says where its console is. */
export const POST = routeHandler("/api/console/redeem", async (request: Request) => {
  const secret = getConfig().ROOST_RELAY_SECRET;
  if (!secret) return Response.json({ error: "The console relay is not configured." }, { status: 503 });
  if (!relaySecretMatches(request.headers.get(RELAY_SECRET_HEADER), secret)) {
    return Response.json({ error: "Not found." }, { status: 404 });
  }
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Send a token." }, { status: 400 });
  const result = await redeemConsoleTicket(parsed.data.token);
  if (!result.ok)
    return Response.json({ reason: result.reason, error: reasons[result.reason] }, { status: 410 });
  const { ticket } = result;
  const client = await getProxmoxClient(ticket.clusterId);
  const target = client.console.websocketTarget(ticket.node, ticket.vmid, {
    port: ticket.port,
    ticket: ticket.vncTicket,
    apiUrl: ticket.apiUrl ?? client.cluster.apiUrls[0]!,
  });
  if (!target) return Response.json({ reason: "moved", error: reasons.moved }, { status: 410 });
  // termproxy wants `user:ticket` as its first line; the relay sends it, so the browser never holds it.
  const handshake = ticket.kind === "serial" ? `${ticket.pveUser}:${ticket.vncTicket}\n` : null;
  return Response.json({ userId: ticket.userId, vmId: ticket.vmId, kind: ticket.kind, target, handshake });
});
