import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { request } from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import type { Redeemed } from "@/lib/console/relay-protocol";
import { connectTls } from "@/lib/proxmox";

// The opening handshakes of RFC 6455 §4, done by the relay itself so that both legs end up as plain
// sockets carrying the same framing: no extension on either (none is offered upstream, none accepted from
// the browser), so Proxmox's frames are legal for the browser as they are.

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const acceptFor = (key: string) =>
  createHash("sha1")
    .update(key + GUID)
    .digest("base64");

const offeredProtocols = (req: IncomingMessage) =>
  (req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

/** Why a browser's upgrade request is not a websocket handshake (§4.2.1), or null when it is one. */
export function handshakeProblem(req: IncomingMessage): string | null {
  if (req.method !== "GET") return "a websocket handshake is a GET";
  if (req.headers.upgrade?.toLowerCase() !== "websocket") return "the Upgrade header is not websocket";
  if (!/^[+/0-9A-Za-z]{22}==$/.test(req.headers["sec-websocket-key"] ?? ""))
    return "the Sec-WebSocket-Key header is missing or malformed";
  if (req.headers["sec-websocket-version"] !== "13") return "only websocket version 13 is spoken here";
  return null;
}

export function refuseHandshake(socket: Duplex, problem: string): void {
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nSec-WebSocket-Version: 13\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(problem)}\r\nConnection: close\r\n\r\n${problem}`,
  );
}

/**
 * Answers the browser's handshake (101). The subprotocol is Proxmox's when the browser offered it,
 * else the browser's first, as before the relay spoke the protocol itself.
 */
export function acceptBrowser(req: IncomingMessage, socket: Duplex, upstreamProtocol: string | null): void {
  const offered = offeredProtocols(req);
  const protocol =
    upstreamProtocol && offered.includes(upstreamProtocol) ? upstreamProtocol : (offered[0] ?? null);
  socket.write(
    [
      "HTTP/1.1 101 Switching Protocols",
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Accept: ${acceptFor(req.headers["sec-websocket-key"]!)}`,
      ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
      "",
      "",
    ].join("\r\n"),
  );
}

export interface UpstreamSocket {
  socket: TLSSocket;
  /** Bytes that came after the 101's headers: already frames. */
  head: Buffer;
  protocol: string | null;
}

/** Opens Proxmox's vncwebsocket as a client, over the pinned TLS connection; rejects on anything but a clean 101. */
export function connectUpstream(target: Redeemed["target"]): Promise<UpstreamSocket> {
  const url = new URL(target.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const key = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    const req = request({
      host,
      port: url.port || 443,
      path: url.pathname + url.search,
      // RFC 6066 names no IP address as a server name.
      servername: isIP(host) ? "" : host,
      headers: {
        ...target.headers,
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Key": key,
        "Sec-WebSocket-Version": "13",
        ...(target.protocols.length > 0 ? { "Sec-WebSocket-Protocol": target.protocols.join(", ") } : {}),
      },
      createConnection: ((
        options: Parameters<typeof connectTls>[0],
        callback: (error: Error | null, socket?: TLSSocket) => void,
      ) => {
        connectTls(options, target.tls, callback);
        return undefined;
      }) as never,
    });
    req.once("error", reject);
    req.once("response", (response) => {
      response.resume();
      reject(new Error(`Proxmox answered the console's websocket with ${response.statusCode}`));
    });
    req.once("upgrade", (response, socket, head) => {
      const tlsSocket = socket as TLSSocket;
      const protocol = (response.headers["sec-websocket-protocol"] as string | undefined) ?? null;
      const problem =
        response.headers["sec-websocket-accept"] !== acceptFor(key)
          ? "a wrong Sec-WebSocket-Accept"
          : protocol !== null && !target.protocols.includes(protocol)
            ? `a subprotocol it was not offered (${protocol})`
            : response.headers["sec-websocket-extensions"]
              ? "an extension it was not offered"
              : null;
      if (problem) {
        tlsSocket.destroy();
        return reject(new Error(`Proxmox's websocket handshake had ${problem}`));
      }
      resolve({ socket: tlsSocket, head, protocol });
    });
    req.end();
  });
}
