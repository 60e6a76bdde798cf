import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { GET, DELETE as httpDelete, PATCH, POST, PUT } from "@/app/api/v1/[...path]/route";
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from "@/lib/http/request-identity";

const handlers: Record<string, (request: Request) => Promise<Response>> = {
  GET,
  POST,
  PUT,
  PATCH,
  DELETE: httpDelete,
};

async function requestOf(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers))
    if (typeof value === "string") headers.set(name, value);
  // What the portal's proxy stamps on every request before a route sees it.
  headers.set(REQUEST_ID_HEADER, `cli-test-${Math.random().toString(36).slice(2)}`);
  headers.set(CLIENT_ADDRESS_HEADER, incoming.socket.remoteAddress ?? "127.0.0.1");
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method, headers, body });
}

/**
 * /api/v1 over HTTP on 127.0.0.1, through its route file as Next serves it, for clients in other
 * processes (the CLI). Everything else is a 404.
 */
export async function serveApi(): Promise<{ url: string; close(): Promise<void> }> {
  let origin = "";
  const server = createServer(async (incoming, outgoing) => {
    const handler = handlers[incoming.method ?? ""];
    if (!incoming.url?.startsWith("/api/v1/") || !handler) return void outgoing.writeHead(404).end();
    try {
      const response = await handler(await requestOf(incoming, origin));
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
