import "server-only";
import { randomBytes } from "node:crypto";
import {
  claimConsoleTicket,
  countOpenConsoleSessions,
  getConsoleTicket,
  insertConsoleTicket,
} from "@/db/queries/console-tickets";
import { getVmById } from "@/db/queries/vms";
import type { ConsoleTicket } from "@/db/schema";
import { allows, authorizeVm, type Person, vmAccess } from "@/lib/authz/vm-access";
import { getProxmoxClient } from "@/lib/clusters/client-registry";
import { conflict, notFound, unavailable } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { limitConsoleTickets } from "@/lib/limits/request-limits";
import { countConsoleTicketIssued, countConsoleTicketRedemption } from "@/lib/metrics/console-metrics";
import { type ConsoleGrant, isProxmoxError, type ProxmoxClient } from "@/lib/proxmox";
import { getSetting } from "@/lib/settings/settings";
import { onCurrentNode } from "@/lib/vms/vm-location";
import { auditConsoleOpened } from "./console-sessions";
import { hashConsoleToken } from "./ticket-hash";

export const TICKET_TTL_MS = 30_000;
/** Relays report open sessions every 5 s; one not reported for this long is gone (its relay died). */
export const SESSION_SILENCE_MS = 90_000;

export type ConsoleKind = "vnc" | "serial";

export interface IssuedConsole {
  /** 256 random bits, base64url; only its hash is stored. */
  token: string;
  /** The RFB password noVNC types; never a Proxmox credential. Empty for a serial terminal. */
  password: string;
  expiresAt: string;
}

/**
 * Asks Proxmox for a VNC proxy on the VM's node and records a ticket for it, bound to the person, the VM,
 * the cluster, the node and the console kind, when the one rule lets them open its console. The browser
 * gets the token and the VNC password only.
 */
export async function issueConsoleTicket(
  user: Person,
  vmId: string,
  kind: ConsoleKind = "vnc",
  now = new Date(),
): Promise<IssuedConsole> {
  const vm = await authorizeVm(user, vmId, "console", { now });
  if (vm.state === "deleted") throw notFound();
  if (!vm.node || vm.vmid === null) throw conflict(message("errors.console.noScreen"));
  const { concurrentPerUser } = await getSetting("console.limits");
  const open = await countOpenConsoleSessions({
    userId: user.id,
    seenSince: new Date(now.getTime() - SESSION_SILENCE_MS),
  });
  if (open >= concurrentPerUser)
    throw conflict(message("errors.console.tooMany", { count: concurrentPerUser }));
  await limitConsoleTickets(user.id, now);
  const client = await getProxmoxClient(vm.clusterId);
  const placed = { id: vm.id, node: vm.node, vmid: vm.vmid, name: vm.name };
  let grant: ConsoleGrant;
  try {
    // Proxmox opens a proxy for a stopped VM too, and it only fails once the browser connects.
    const status = await onCurrentNode(client, placed, (node) => client.qemu.status(node, placed.vmid));
    if (status.status !== "running") throw conflict(message("errors.console.notRunning"));
    grant =
      kind === "vnc"
        ? await client.console.vncproxy(placed.node, placed.vmid)
        : await client.console.termproxy(
            placed.node,
            placed.vmid,
            await serialPortOf(client, placed.node, placed.vmid),
          );
  } catch (error) {
    if (isProxmoxError(error) && /not running/.test(error.reason ?? ""))
      throw conflict(message("errors.console.notRunning"));
    if (isProxmoxError(error)) throw unavailable(message("errors.console.proxmoxRefused"));
    throw error;
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await insertConsoleTicket({
    tokenHash: hashConsoleToken(token),
    userId: user.id,
    vmId: vm.id,
    clusterId: vm.clusterId,
    node: placed.node,
    vmid: placed.vmid,
    kind,
    port: grant.port,
    vncTicket: grant.ticket,
    pveUser: kind === "serial" ? grant.user : null,
    apiUrl: grant.apiUrl,
    expiresAt,
  });
  countConsoleTicketIssued();
  return { token, password: kind === "vnc" ? grant.vncPassword : "", expiresAt: expiresAt.toISOString() };
}

/** The serial port a terminal opens: the one the display is set to, else the first configured. */
async function serialPortOf(client: ProxmoxClient, node: string, vmid: number): Promise<string> {
  const config = await client.qemu.config(node, vmid);
  const ports = Object.keys(config)
    .filter((key) => /^serial[0-3]$/.test(key))
    .sort();
  const vga = typeof config.vga === "string" ? config.vga.split(",")[0] : undefined;
  if (vga && ports.includes(vga)) return vga;
  if (!ports[0]) throw conflict(message("errors.console.noSerialPort"));
  return ports[0];
}

export type RedeemResult =
  | { ok: true; ticket: ConsoleTicket }
  | { ok: false; reason: "unknown" | "used" | "expired" | "limit" };

/** Redeems a token once, for whichever relay asks first, within the user's console limit; says why not. */
export async function redeemConsoleTicket(token: string, now = new Date()): Promise<RedeemResult> {
  const tokenHash = hashConsoleToken(token);
  const { concurrentPerUser } = await getSetting("console.limits");
  const claimed = await claimConsoleTicket({
    tokenHash,
    now,
    limit: concurrentPerUser,
    seenSince: new Date(now.getTime() - SESSION_SILENCE_MS),
  });
  if (claimed && "ticket" in claimed) {
    countConsoleTicketRedemption("ok");
    await auditConsoleOpened(claimed.ticket);
    return { ok: true, ticket: claimed.ticket };
  }
  if (claimed?.refused === "limit") {
    countConsoleTicketRedemption("limit");
    return { ok: false, reason: "limit" };
  }
  const known = await getConsoleTicket({ tokenHash });
  const reason = !known ? "unknown" : known.usedAt ? "used" : "expired";
  countConsoleTicketRedemption(reason);
  return { ok: false, reason };
}

/** Why a console closed, in words for its page: from the ticket's fate and the VM's state. */
export async function explainConsoleClose(
  user: Person,
  vmId: string,
  token: string,
  now = new Date(),
): Promise<string> {
  const ticket = await getConsoleTicket({ tokenHash: hashConsoleToken(token) });
  if (!ticket || ticket.userId !== user.id || ticket.vmId !== vmId) return "The console closed.";
  if (!allows(await vmAccess(user, vmId, { now }), "console"))
    return "Your access to this VM's console has ended.";
  if (!ticket.usedAt) {
    return ticket.expiresAt < now
      ? "The console link expired before it was used; reconnect to get a new one."
      : "The console relay could not be reached or refused this page.";
  }
  const vm = await getVmById({ id: vmId });
  if (vm?.node && vm.vmid !== null) {
    const status = await (await getProxmoxClient(vm.clusterId)).qemu
      .status(vm.node, vm.vmid)
      .catch(() => null);
    if (!status) return "Proxmox could not be reached.";
    if (status.status !== "running") return "The VM stopped.";
  }
  return "The session ended (it was idle, or Proxmox closed it). Reconnect to continue.";
}
