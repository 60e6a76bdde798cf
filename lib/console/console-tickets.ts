import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { claimConsoleTicket, getConsoleTicket, insertConsoleTicket } from "@/db/queries/console-tickets";
import { getVmById, getVmForOwner } from "@/db/queries/vms";
import type { ConsoleTicket } from "@/db/schema";
import { ActionError } from "@/lib/actions/validated-action";
import type { CurrentUser } from "@/lib/authz/current-user";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { countConsoleTicketIssued, countConsoleTicketRedemption } from "@/lib/metrics/console-metrics";
import { ProxmoxError } from "@/lib/proxmox";

export const TICKET_TTL_MS = 30_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface IssuedConsole {
  /** 256 random bits, base64url; only its hash is stored. */
  token: string;
  /** The RFB password noVNC types; never a Proxmox credential. */
  password: string;
  expiresAt: string;
}

/**
 * Asks Proxmox for a VNC proxy on the VM's node and records a ticket for it, bound to the user, the VM,
 * the cluster, the node and the console kind. The browser gets the token and the VNC password only.
 */
export async function issueConsoleTicket(
  user: CurrentUser,
  vmId: string,
  now = new Date(),
): Promise<IssuedConsole> {
  const vm =
    user.role === "admin" ? await getVmById({ vmId }) : await getVmForOwner({ vmId, ownerId: user.id });
  if (!vm || vm.state === "deleted") throw new ActionError("Not found.", 404);
  if (!vm.node || vm.vmid === null) throw new ActionError("This VM has no screen yet.", 409);
  const client = getProxmoxClient(vm.clusterId);
  let grant: Awaited<ReturnType<typeof client.console.vncproxy>>;
  try {
    grant = await client.console.vncproxy(vm.node, vm.vmid);
  } catch (error) {
    if (error instanceof ProxmoxError && /not running/.test(error.reason ?? ""))
      throw new ActionError("The VM is not running; start it first.", 409);
    if (error instanceof ProxmoxError)
      throw new ActionError("Proxmox did not open a console; try again in a moment.", 409);
    throw error;
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await insertConsoleTicket({
    tokenHash: hashToken(token),
    userId: user.id,
    vmId: vm.id,
    clusterId: vm.clusterId,
    node: vm.node,
    vmid: vm.vmid,
    kind: "vnc",
    port: grant.port,
    vncTicket: grant.ticket,
    expiresAt,
  });
  countConsoleTicketIssued();
  return { token, password: grant.vncPassword, expiresAt: expiresAt.toISOString() };
}

export type RedeemResult =
  | { ok: true; ticket: ConsoleTicket }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** Redeems a token once, for whichever relay asks first; says why when it cannot. */
export async function redeemConsoleTicket(token: string, now = new Date()): Promise<RedeemResult> {
  const tokenHash = hashToken(token);
  const ticket = await claimConsoleTicket({ tokenHash, now });
  if (ticket) {
    countConsoleTicketRedemption("ok");
    return { ok: true, ticket };
  }
  const known = await getConsoleTicket({ tokenHash });
  const reason = !known ? "unknown" : known.usedAt ? "used" : "expired";
  countConsoleTicketRedemption(reason);
  return { ok: false, reason };
}

/** Why a console closed, in words for its page: from the ticket's fate and the VM's state. */
export async function explainConsoleClose(
  user: CurrentUser,
  vmId: string,
  token: string,
  now = new Date(),
): Promise<string> {
  const ticket = await getConsoleTicket({ tokenHash: hashToken(token) });
  if (!ticket || ticket.userId !== user.id || ticket.vmId !== vmId) return "The console closed.";
  if (!ticket.usedAt) {
    return ticket.expiresAt < now
      ? "The console link expired before it was used; reconnect to get a new one."
      : "The console relay could not be reached or refused this page.";
  }
  const vm = await getVmById({ vmId });
  if (vm?.node && vm.vmid !== null) {
    const status = await getProxmoxClient(vm.clusterId)
      .qemu.status(vm.node, vm.vmid)
      .catch(() => null);
    if (!status) return "Proxmox could not be reached.";
    if (status.status !== "running") return "The VM stopped.";
  }
  return "The session ended (it was idle, or Proxmox closed it). Reconnect to continue.";
}
