import { randomFillSync } from "node:crypto";

// RFC 6455 §5: just enough of the framing to find frame boundaries, read control frames and mask the
// frames the relay sends to Proxmox. Payloads of data frames are never copied on their way to the browser.

export const Opcode = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface FrameHeader {
  fin: boolean;
  opcode: number;
  mask: Buffer | null;
  length: number;
}

export class FrameError extends Error {}

const isControl = (opcode: number) => (opcode & 0x08) !== 0;
const knownOpcodes = new Set<number>(Object.values(Opcode));

/** What a reader of a frame stream hears, in stream order. */
export interface FrameSink {
  /** The first byte of a frame: its opcode is known, its length not yet. */
  frameStart(opcode: number): void;
  /** Bytes of the stream as received (header or payload), `chunk[start, end)`. */
  bytes(chunk: Buffer, start: number, end: number, inPayload: boolean): void;
  headerDone(header: FrameHeader): void;
  frameDone(header: FrameHeader): void;
}

/**
 * Walks a stream of frames chunk by chunk without buffering payloads. `masked` is what the peer must do
 * (§5.1: a client masks every frame, a server none); anything else, reserved bits (no extension was
 * agreed) or a malformed control frame (§5.5) throws FrameError.
 */
export class FrameParser {
  private readonly head = Buffer.alloc(14);
  private headLength = 0;
  private headNeed = 2;
  private remaining = 0;
  private header: FrameHeader | null = null;

  constructor(
    private readonly masked: boolean,
    private readonly sink: FrameSink,
  ) {}

  /** True between frames: a frame of one's own may be written to the peer this stream is copied to. */
  get atBoundary(): boolean {
    return this.headLength === 0 && this.header === null;
  }

  /** The current frame's opcode while inside one. */
  get opcode(): number | null {
    return this.headLength > 0 ? this.head[0]! & 0x0f : null;
  }

  /** Payload bytes still to come in the current frame. */
  get payloadLeft(): number {
    return this.remaining;
  }

  push(chunk: Buffer): void {
    let index = 0;
    while (index < chunk.length) {
      if (this.header) {
        const take = Math.min(this.remaining, chunk.length - index);
        this.sink.bytes(chunk, index, index + take, true);
        index += take;
        this.remaining -= take;
        if (this.remaining === 0) this.endFrame();
        continue;
      }
      const start = index;
      while (index < chunk.length && this.headLength < this.headNeed) {
        const byte = chunk[index++]!;
        if (this.headLength === 0) this.checkFirstByte(byte);
        else if (this.headLength === 1) this.checkSecondByte(byte);
        this.head[this.headLength++] = byte;
      }
      this.sink.bytes(chunk, start, index, false);
      if (this.headLength === this.headNeed) this.startPayload();
    }
  }

  private checkFirstByte(byte: number) {
    const opcode = byte & 0x0f;
    if (byte & 0x70) throw new FrameError("a frame used reserved bits, but no extension was agreed");
    if (!knownOpcodes.has(opcode)) throw new FrameError(`unknown opcode ${opcode}`);
    if (isControl(opcode) && !(byte & 0x80)) throw new FrameError("a fragmented control frame");
    this.sink.frameStart(opcode);
  }

  private checkSecondByte(byte: number) {
    if (Boolean(byte & 0x80) !== this.masked)
      throw new FrameError(this.masked ? "an unmasked frame from a client" : "a masked frame from a server");
    const length = byte & 0x7f;
    if (isControl(this.head[0]! & 0x0f) && length > 125)
      throw new FrameError("a control frame over 125 bytes");
    this.headNeed = 2 + (length === 126 ? 2 : length === 127 ? 8 : 0) + (this.masked ? 4 : 0);
  }

  private startPayload() {
    const short = this.head[1]! & 0x7f;
    let length = short;
    let offset = 2;
    if (short === 126) {
      length = this.head.readUInt16BE(2);
      offset = 4;
    } else if (short === 127) {
      const big = this.head.readBigUInt64BE(2);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new FrameError("a frame longer than 2^53 bytes");
      length = Number(big);
      offset = 10;
    }
    this.header = {
      fin: (this.head[0]! & 0x80) !== 0,
      opcode: this.head[0]! & 0x0f,
      mask: this.masked ? Buffer.from(this.head.subarray(offset, offset + 4)) : null,
      length,
    };
    this.remaining = length;
    this.sink.headerDone(this.header);
    if (length === 0) this.endFrame();
  }

  private endFrame() {
    const header = this.header!;
    this.header = null;
    this.headLength = 0;
    this.headNeed = 2;
    this.sink.frameDone(header);
  }
}

/** A frame's header; with `masked`, a fresh masking key from a strong source (§5.3), returned with it. */
export function frameHeader(
  opcode: number,
  length: number,
  options: { fin?: boolean; masked: boolean },
): { header: Buffer; mask: Buffer | null } {
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (options.masked ? 4 : 0));
  header[0] = (options.fin === false ? 0 : 0x80) | opcode;
  header[1] = (options.masked ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  else if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!options.masked) return { header, mask: null };
  const mask = header.subarray(header.length - 4);
  randomFillSync(mask);
  return { header, mask };
}

/** XORs `bytes` in place with `mask`, the first byte being the payload's `offset`-th (§5.3). */
export function applyMask(bytes: Buffer, mask: Buffer, offset: number): void {
  for (let index = 0; index < bytes.length; index++) bytes[index]! ^= mask[(offset + index) & 3]!;
}

/** A whole frame the relay sends of its own: a control frame, or termproxy's first line. */
export function encodeFrame(opcode: number, payload: Buffer, masked: boolean): Buffer {
  const { header, mask } = frameHeader(opcode, payload.length, { masked });
  const body = Buffer.from(payload);
  if (mask) applyMask(body, mask, 0);
  return Buffer.concat([header, body]);
}

/** A close frame's payload (§5.5.1): the code, then a reason cut to fit 125 bytes on a character boundary. */
export function closePayload(code: number, reason: string): Buffer {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  const payload = Buffer.alloc(2 + Buffer.byteLength(text));
  payload.writeUInt16BE(code, 0);
  payload.write(text, 2);
  return payload;
}
