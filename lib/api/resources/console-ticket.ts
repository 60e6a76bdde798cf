import { z } from "zod";

export const consoleRequestSchema = z.object({
  kind: z
    .enum(["vnc", "serial"], { error: 'Pick "vnc" (the screen) or "serial" (the serial terminal).' })
    .default("vnc")
    .meta({ description: "`vnc`: the screen, over RFB; `serial`: the VM's serial port, as a terminal." }),
});

/** What the portal's console page gets: a single-use ticket for the relay and where the relay is. */
export const consoleTicketResource = z
  .object({
    kind: z.enum(["vnc", "serial"]),
    token: z.string().meta({ description: "Single-use, valid 30 seconds; the relay redeems it." }),
    password: z
      .string()
      .meta({ description: "The RFB password the VNC client types; empty for a serial terminal." }),
    relayUrl: z.string().meta({ description: "The console relay's WebSocket address." }),
    url: z.string().meta({ description: "`relayUrl` with the token: the address to open." }),
    origin: z.string().meta({
      description: "The portal's origin; the relay accepts only WebSocket clients that send it as `Origin`.",
    }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "ConsoleTicket" });
