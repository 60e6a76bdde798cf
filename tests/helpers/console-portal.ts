import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunningRelay, startRelay } from "@/server-ws/relay";

export const CONSOLE_ORIGIN = "http://localhost:3000";

/**
 * The portal's two relay routes served over HTTP as Next serves them, and a relay in front of them:
 * what a browser's console goes through. Sets ROOST_RELAY_SECRET for the routes.
 */
export async function startConsolePortal(): Promise<{ relay: RunningRelay; close(): Promise<void> }> {
  const secret = "relay-secret-for-tests-0123456789abcdef";
  process.env.ROOST_RELAY_SECRET = secret;
  const routes = {
    "/api/console/redeem": (await import("@/app/api/console/redeem/route")).POST,
    "/api/console/sessions": (await import("@/app/api/console/sessions/route")).POST,
  };
  const portal: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const POST = routes[req.url as keyof typeof routes];
    if (!POST) return void res.writeHead(404).end();
    const response = await POST(
      new Request(`http://portal${req.url}`, {
        method: "POST",
        headers: req.headers as HeadersInit,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  const relay = await startRelay({
    port: 0,
    portalUrl: `http://127.0.0.1:${(portal.address() as AddressInfo).port}`,
    relaySecret: secret,
    allowedOrigins: [CONSOLE_ORIGIN],
  });
  return {
    relay,
    async close() {
      await relay.close();
      portal.closeAllConnections();
      portal.close();
    },
  };
}
