import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

interface Grant {
  vmid: number;
  port: number;
  user: string;
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
    this.grants.set(bare, { ...grant, issuedAt, used: false });
    return password ? `${password}:${bare}` : bare;
  }

  /** Redeems a ticket for one connection; returns why it is refused, or null. */
  redeem(ticket: string, expected: { vmid: number; port: number; user: string }): string | null {
    const bare = ticket.replace(/^.{8}:(?=PVEVNC:)/, "");
    const grant = [...this.grants.entries()].find(
      ([known]) => known.length === bare.length && timingSafeEqual(Buffer.from(known), Buffer.from(bare)),
    )?.[1];
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
    if (grant.used || age > this.acceptWindowMs)
      return "connection timed out - the VNC proxy stopped waiting";
    grant.used = true;
    return null;
  }
}
