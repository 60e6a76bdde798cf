import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Answers a request it takes and says true; says false to leave it to Next. */
export type AheadOfNext = (request: IncomingMessage, response: ServerResponse) => boolean;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

// On globalThis: the hook must be installed once per process, however many bundles load this module.
const holder = globalThis as unknown as {
  roostAheadOfNext?: { handler: AheadOfNext; servers: WeakSet<Server> };
};

/**
 * Puts `handler` in front of the request listener of the HTTP server this process serves Next with,
 * whichever way Next was started (`next dev`, `next start`, the standalone server.js): Node announces each
 * request on a diagnostics channel before its server emits it, so the first request seen on a server
 * swaps that server's listeners for one that asks `handler` first. Requests Next took before this ran
 * were Next's, so every route taken here must exist in Next too.
 */
export function serveAheadOfNext(handler: AheadOfNext): void {
  if (holder.roostAheadOfNext) {
    holder.roostAheadOfNext.handler = handler;
    return;
  }
  const state = { handler, servers: new WeakSet<Server>() };
  holder.roostAheadOfNext = state;
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    if (state.servers.has(server)) return;
    state.servers.add(server);
    const theirs = server.listeners("request") as RequestListener[];
    server.removeAllListeners("request");
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      if (state.handler(request, response)) return;
      for (const listener of theirs) listener.call(server, request, response);
    });
  });
}
