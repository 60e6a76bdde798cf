import { type RunningRelay, startRelay } from "@/server-ws/relay";
import { servePortalRelayRoutes } from "./relay-rig";

export const CONSOLE_ORIGIN = "http://localhost:3000";

/**
 * The portal's two relay routes served over HTTP as Next serves them, and a relay in front of them:
 * what a browser's console goes through. Sets ROOST_RELAY_SECRET for the routes.
 */
export async function startConsolePortal(): Promise<{ relay: RunningRelay; close(): Promise<void> }> {
  const secret = "relay-secret-for-tests-0123456789abcdef";
  process.env.ROOST_RELAY_SECRET = secret;
  const portal = await servePortalRelayRoutes();
  const relay = await startRelay({
    port: 0,
    portalUrl: portal.url,
    relaySecret: secret,
    allowedOrigins: [CONSOLE_ORIGIN],
  });
  return {
    relay,
    async close() {
      await relay.close();
      portal.close();
    },
  };
}
