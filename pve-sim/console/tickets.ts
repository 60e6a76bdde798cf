import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

interface Grant {
  vmid: number;
  port: number;
  user: string;
  /** The node whose pveproxy took the vncproxy call: its worker listens on that node's localhost only. */
  host: string;
  issuedAt: number;
  used: boolean;
}

/**
 * vnctickets as PVE issues them: `PVEVNC:<hex time>::<signature>`, bound to the caller, the VM and the
 * port, valid for 40 s, and (since qemu-server 8.4.7) prefixed by the 8-character VNC password.
 */
export class TicketBook {
  private readonly key = randomBytes(32);
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly now: () => number,
    private readonly acceptWindowMs: number,
    private readonly validityMs = 40_000,
  ) {}

  issue(grant: Omit<Grant, "issuedAt" | "used">, password: string | null): string {
    const issuedAt = this.now();
    const time = Math.floor(issuedAt / 1000)
      .toString(16)
      .toUpperCase()
      .padStart(8, "0");
    const signature = createHmac("sha256", this.key)
      .update(`${grant.user}:/vms/${grant.vmid}:${grant.port}:${time}`)
      .digest("base64");
    const bare = `PVEVNC:${time}::${signature}`;
    const issued = password ? `${password}:${bare}` : bare;
    // Kept by the whole ticket: two proxies for one VM in the same second differ only by their password.
    this.grants.set(issued, { ...grant, issuedAt, used: false });
    return issued;
  }

  /**
   * Redeems a ticket for one connection; returns why it is refused, or null. The signature is checked with
   * the cluster-wide key, so any node accepts it; "unreachable" means it was valid but no proxy listens on
   * this node's localhost at that port, and the grant stays open for a connection through the right node.
   */
  redeem(
    ticket: string,
    expected: { vmid: number; port: number; user: string; host: string },
  ): string | "unreachable" | null {
    const bare = ticket.replace(/^.{8}:(?=PVEVNC:)/, "");
    const same = (known: string, given: string) =>
      known.length === given.length && timingSafeEqual(Buffer.from(known), Buffer.from(given));
    const entries = [...this.grants.entries()];
    const grant = (entries.find(([known]) => same(known, ticket)) ??
      entries.find(([known]) => same(known.replace(/^.{8}:(?=PVEVNC:)/, ""), bare)))?.[1];
    if (
      !grant ||
      grant.vmid !== expected.vmid ||
      grant.port !== expected.port ||
      grant.user !== expected.user
    ) {
      return "permission denied - invalid PVEVNC ticket";
    }
    const age = this.now() - grant.issuedAt;
    if (age > this.validityMs) return "permission denied - invalid PVEVNC ticket";
    if (grant.host !== expected.host) return "unreachable";
    if (grant.used || age > this.acceptWindowMs)
      return "connection timed out - the VNC proxy stopped waiting";
    grant.used = true;
    return null;
  }
}
