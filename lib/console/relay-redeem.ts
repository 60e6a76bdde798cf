import "server-only";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { redeemConsoleTicket } from "./console-tickets";
import type { Redeemed, RedeemRefusal } from "./relay-protocol";

/**
 * Redeems a browser's ticket for a relay: where its console is on Proxmox, and for a serial console the
 * line termproxy wants first, which the relay sends so the browser never holds the ticket.
 */
export async function redeemForRelay(
  token: string,
): Promise<{ ok: true; redeemed: Redeemed } | { ok: false; reason: RedeemRefusal }> {
  const result = await redeemConsoleTicket(token);
  if (!result.ok) return result;
  const { ticket } = result;
  const client = await getProxmoxClient(ticket.clusterId);
  const target = client.console.websocketTarget(ticket.node, ticket.vmid, {
    port: ticket.port,
    ticket: ticket.vncTicket,
    apiUrl: ticket.apiUrl ?? client.cluster.apiUrls[0]!,
  });
  if (!target) return { ok: false, reason: "moved" };
  const handshake = ticket.kind === "serial" ? `${ticket.pveUser}:${ticket.vncTicket}\n` : null;
  return {
    ok: true,
    redeemed: { userId: ticket.userId, vmId: ticket.vmId, kind: ticket.kind, target, handshake },
  };
}
