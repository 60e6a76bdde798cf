import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { PEER_ADDRESS_HEADER } from "./request-identity";

let installed = false;

/**
 * Writes each connection's TCP peer into the request before Next sees it. Next keeps a client's own
 * X-Forwarded-For and drops the socket address when one is sent, so without this the proxy could not
 * tell a trusted reverse proxy from a client claiming to be one. Overwrites whatever a client sent.
 */
export function installPeerAddressHook(): void {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    const peer = request.socket?.remoteAddress;
    if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
