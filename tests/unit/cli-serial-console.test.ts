import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runSerialConsole, type Terminal } from "@/cli/serial-console";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** One unmasked binary frame, as a server sends it (payloads under 126 bytes). */
const frame = (payload: string) => Buffer.concat([Buffer.from([0x82, payload.length]), Buffer.from(payload)]);

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/**
 * A relay that answers the upgrade and sends termproxy's greeting and the first output in the same
 * write, so they reach the client in one packet; then ends the session.
 */
async function relayGreetingWithTheUpgrade(): Promise<{ url: string; origins: string[] }> {
  const origins: string[] = [];
  server = createServer();
  server.on("upgrade", (request, socket) => {
    origins.push(String(request.headers.origin));
    const accept = createHash("sha1")
      .update(`${request.headers["sec-websocket-key"]}${WS_GUID}`)
      .digest("base64");
    socket.write(
      Buffer.concat([
        Buffer.from(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: binary\r\n\r\n`,
        ),
        frame("OK"),
        frame("login: "),
        // A close frame: code 4000 and its reason.
        Buffer.concat([Buffer.from([0x88, 2 + 11, 0x0f, 0xa0]), Buffer.from("VM stopped.")]),
      ]),
    );
    // The client answers the close; then the connection ends, as the server side ends it.
    socket.once("data", () => socket.end());
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/console/ws?token=t`, origins };
}

function pipedTerminal(): Terminal & { printed(): string } {
  const stdout = new PassThrough();
  let printed = "";
  stdout.on("data", (chunk: Buffer) => {
    printed += chunk;
  });
  return {
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    printed: () => printed,
  };
}

describe("roost console's terminal", () => {
  it("shows output that arrives with the relay's answer, sends the portal's origin, and reports the relay's reason", async () => {
    const relay = await relayGreetingWithTheUpgrade();
    const terminal = pipedTerminal();
    await expect(
      runSerialConsole({ url: relay.url, origin: "https://roost.example.org" }, terminal),
    ).rejects.toThrow("VM stopped.");
    expect(terminal.printed()).toBe("login: ");
    expect(relay.origins).toEqual(["https://roost.example.org"]);
  });
});
