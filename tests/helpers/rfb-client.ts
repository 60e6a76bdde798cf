import WebSocket from "ws";
import { vncResponse } from "@/pve-sim/console/vnc-des";

export interface RfbSession {
  width: number;
  height: number;
  name: string;
  /** One full framebuffer in 32-bit true colour, as requested. */
  frame(): Promise<Buffer>;
  close(): void;
}

/** A minimal RFB 3.8 client over a websocket: handshake, VNC authentication, ServerInit and one frame. */
export async function openRfb(
  url: string,
  password: string,
  options: WebSocket.ClientOptions = {},
): Promise<RfbSession> {
  const ws = new WebSocket(url, ["binary"], options);
  let buffer = Buffer.alloc(0);
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  ws.on("message", (data: Buffer) => {
    buffer = Buffer.concat([buffer, data]);
    wake?.();
  });
  const fail = (error: Error) => {
    failure = error;
    wake?.();
  };
  ws.on("error", fail);
  ws.on("unexpected-response", (_req, res) => fail(new Error(`HTTP ${res.statusCode} ${res.statusMessage}`)));
  ws.on("close", (code, reason) =>
    fail(
      Object.assign(new Error(`closed ${code} ${reason.toString()}`), { code, reason: reason.toString() }),
    ),
  );

  const read = async (length: number): Promise<Buffer> => {
    const deadline = Date.now() + 10_000;
    while (buffer.length < length) {
      if (failure) throw failure;
      if (Date.now() > deadline) throw new Error("timed out waiting for the VNC server");
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    const chunk = buffer.subarray(0, length);
    buffer = buffer.subarray(length);
    return chunk;
  };

  const version = (await read(12)).toString();
  if (!version.startsWith("RFB 003.")) throw new Error(`not an RFB server: ${version}`);
  ws.send(Buffer.from("RFB 003.008\n"));
  const count = (await read(1))[0]!;
  const types = [...(await read(count))];
  if (!types.includes(2)) throw new Error(`the server does not offer VNC authentication: ${types}`);
  ws.send(Buffer.from([2]));
  ws.send(vncResponse(await read(16), password));
  const result = (await read(4)).readUInt32BE(0);
  if (result !== 0) {
    const reason = await read((await read(4)).readUInt32BE(0)).catch(() => Buffer.from(""));
    ws.close();
    throw new Error(`VNC authentication failed${reason.length ? `: ${reason}` : ""}`);
  }
  ws.send(Buffer.from([1]));
  const init = await read(24);
  const name = (await read(init.readUInt32BE(20))).toString();
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  const format = Buffer.from([0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]);
  ws.send(format);
  ws.send(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));

  return {
    width,
    height,
    name,
    async frame() {
      const request = Buffer.alloc(10);
      request.writeUInt8(3, 0);
      request.writeUInt16BE(width, 6);
      request.writeUInt16BE(height, 8);
      ws.send(request);
      const header = await read(4);
      const rectangles = header.readUInt16BE(2);
      let pixels = Buffer.alloc(0);
      for (let index = 0; index < rectangles; index++) {
        const rect = await read(12);
        const size = rect.readUInt16BE(4) * rect.readUInt16BE(6) * 4;
        if (rect.readInt32BE(8) !== 0) throw new Error(`unexpected encoding ${rect.readInt32BE(8)}`);
        pixels = Buffer.concat([pixels, await read(size)]);
      }
      return pixels;
    },
    close: () => ws.close(),
  };
}

export function distinctColours(pixels: Buffer): number {
  const colours = new Set<number>();
  for (let offset = 0; offset + 4 <= pixels.length; offset += 4 * 97)
    colours.add(pixels.readUInt32LE(offset) & 0xffffff);
  return colours.size;
}
