import { z } from "zod";

// What the console relay (server-ws/) and the portal's /api/console/* routes say to each other. Both
// sides parse with these schemas: a relay older or newer than its portal fails cleanly, not halfway.

export const RELAY_SECRET_HEADER = "x-roost-relay-secret";

const token = z.string().min(1).max(200);

export const redeemRequestSchema = z.object({ token });

export const redeemRefusals = {
  unknown: "This console link is not valid; open the console again.",
  used: "This console link was already used; open the console again.",
  expired: "This console link expired; open the console again.",
  limit: "You have as many consoles open as allowed; close one first.",
  moved: "The cluster's addresses changed since this console was opened; open the console again.",
} as const;

export type RedeemRefusal = keyof typeof redeemRefusals;

/** The portal's answer to a redeemed ticket: who, which VM, and how to reach its console on Proxmox. */
export const redeemedSchema = z.object({
  userId: z.string(),
  vmId: z.string(),
  kind: z.enum(["vnc", "serial"]),
  target: z.object({
    url: z.string().startsWith("wss://"),
    headers: z.record(z.string(), z.string()),
    tls: z.object({
      fingerprint: z.string().optional(),
      caPem: z.string().optional(),
      insecure: z.boolean().optional(),
    }),
    protocols: z.array(z.string()),
  }),
  /** A first message for Proxmox (termproxy's `user:ticket` line) that the browser must not see. */
  handshake: z.string().nullable(),
});

export type Redeemed = z.infer<typeof redeemedSchema>;

/** The portal's answer when it will not redeem a ticket (410), or refuses the relay itself. */
export const redeemRefusedSchema = z.object({
  reason: z.enum(Object.keys(redeemRefusals) as [RedeemRefusal, ...RedeemRefusal[]]).optional(),
  error: z.string(),
});

/** A relay's report: the sessions it still carries, or how one ended. */
export const sessionsReportSchema = z.union([
  z.object({ alive: z.array(token).max(10_000) }),
  z.object({
    closed: token,
    reason: z.string().max(500),
    bytesToBrowser: z.number().int().min(0),
    bytesToVm: z.number().int().min(0),
  }),
]);

/** The portal's answer to an `alive` report: the sessions to end now. */
export const aliveAnswerSchema = z.object({ ok: z.literal(true), revoke: z.array(token) });
