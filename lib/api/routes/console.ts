import { getConfig } from "@/lib/config";
import { issueConsoleTicket } from "@/lib/console/console-tickets";
import { consoleRelayUrl } from "@/lib/console/relay-url";
import { defineApiRoute } from "../define-route";
import { consoleRequestSchema, consoleTicketResource } from "../resources/console-ticket";
import { vmIdParams } from "../resources/vm";

export const openConsole = defineApiRoute({
  method: "POST",
  path: "/vms/{vmId}/console",
  operationId: "openConsole",
  summary: "Get a console ticket for a running VM",
  description:
    "The same ticket the portal's console page gets. Open `url` as a WebSocket within 30 seconds, sending the portal's `origin`: RFB for `vnc` (with `password`), raw terminal bytes for `serial`. Counts against your open consoles and your ticket rate, as in the portal. Admins reach other people's VMs only with a token that also holds admin:write.",
  tags: ["Console"],
  scope: "operate",
  // A ticket is single-use and lives 30 s: a replayed one would be spent, so a retry gets a new one.
  idempotent: false,
  params: vmIdParams,
  body: consoleRequestSchema,
  responses: {
    201: { description: "The ticket.", schema: consoleTicketResource },
    403: { description: "You see this VM but may not open its console." },
    404: { description: "You see no VM with this id." },
    409: { description: "The VM is not running, has no serial port, or you have the most consoles open." },
    503: { description: "Proxmox did not open a console." },
  },
  async handler({ params, body, person }) {
    const issued = await issueConsoleTicket(person, params.vmId, body.kind);
    const config = getConfig();
    const relayUrl = consoleRelayUrl(config);
    return {
      status: 201,
      body: {
        kind: body.kind,
        token: issued.token,
        password: issued.password,
        relayUrl,
        url: `${relayUrl}?token=${encodeURIComponent(issued.token)}`,
        origin: new URL(config.publicUrl).origin,
        expiresAt: issued.expiresAt,
      },
    };
  },
});
