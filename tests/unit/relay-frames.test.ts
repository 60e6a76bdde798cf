import { describe, expect, it } from "vitest";
import {
  applyMask,
  closePayload,
  encodeFrame,
  FrameError,
  type FrameHeader,
  FrameParser,
  Opcode,
} from "@/server-ws/frames";

/** Every frame a parser finds in `stream` fed in pieces of `size`, with its payload unmasked. */
function parse(stream: Buffer, masked: boolean, size: number) {
  const frames: { header: FrameHeader; payload: Buffer }[] = [];
  const raw: Buffer[] = [];
  let parts: Buffer[] = [];
  const parser = new FrameParser(masked, {
    frameStart() {},
    bytes(chunk, start, end, inPayload) {
      raw.push(chunk.subarray(start, end));
      if (inPayload) parts.push(Buffer.from(chunk.subarray(start, end)));
    },
    headerDone() {
      parts = [];
    },
    frameDone(header) {
      const payload = Buffer.concat(parts);
      if (header.mask) applyMask(payload, header.mask, 0);
      frames.push({ header, payload });
    },
  });
  for (let offset = 0; offset < stream.length; offset += size)
    parser.push(stream.subarray(offset, offset + size));
  return { frames, raw: Buffer.concat(raw), atBoundary: parser.atBoundary };
}

const payloads = [
  Buffer.alloc(0),
  Buffer.from("RFB 003.008\n"),
  Buffer.alloc(300, 3),
  Buffer.alloc(70_000, 9),
];

describe("the relay's frame parser", () => {
  it("finds the same frames however the stream is cut, and hands back every byte as it came", () => {
    for (const masked of [false, true]) {
      const stream = Buffer.concat(payloads.map((payload) => encodeFrame(Opcode.binary, payload, masked)));
      for (const size of [1, 2, 7, 125, 4096, stream.length]) {
        const { frames, raw, atBoundary } = parse(stream, masked, size);
        expect(frames.map((frame) => frame.payload)).toEqual(payloads);
        expect(frames.every((frame) => frame.header.opcode === Opcode.binary && frame.header.fin)).toBe(true);
        expect(raw.equals(stream)).toBe(true);
        expect(atBoundary).toBe(true);
      }
    }
  });

  it("is between frames only after a whole frame", () => {
    const frame = encodeFrame(Opcode.binary, Buffer.alloc(10), false);
    expect(parse(frame.subarray(0, 1), false, 1).atBoundary).toBe(false);
    expect(parse(frame.subarray(0, 5), false, 5).atBoundary).toBe(false);
    expect(parse(frame, false, 3).atBoundary).toBe(true);
  });

  it("refuses what RFC 6455 forbids: a masked frame from a server, an unmasked one from a client, reserved bits, long or fragmented control frames", () => {
    const masked = encodeFrame(Opcode.binary, Buffer.from("x"), true);
    expect(() => parse(masked, false, 64)).toThrow(/masked frame from a server/);
    expect(() => parse(encodeFrame(Opcode.binary, Buffer.from("x"), false), true, 64)).toThrow(
      /unmasked frame from a client/,
    );
    const reserved = encodeFrame(Opcode.binary, Buffer.from("x"), false);
    reserved[0]! |= 0x40;
    expect(() => parse(reserved, false, 64)).toThrow(FrameError);
    expect(() => parse(encodeFrame(Opcode.ping, Buffer.alloc(126), false), false, 64)).toThrow(/125 bytes/);
    const fragmentedPing = encodeFrame(Opcode.ping, Buffer.alloc(1), false);
    fragmentedPing[0]! &= 0x7f;
    expect(() => parse(fragmentedPing, false, 64)).toThrow(/fragmented control frame/);
    expect(() => parse(Buffer.from([0x83, 0x00]), false, 64)).toThrow(/unknown opcode 3/);
  });

  it("cuts a close reason to the 123 bytes a close frame has room for, on a character boundary", () => {
    const payload = closePayload(4403, "é".repeat(100));
    expect(payload.readUInt16BE(0)).toBe(4403);
    expect(payload.length).toBeLessThanOrEqual(125);
    expect(payload.subarray(2).toString()).toBe("é".repeat(61));
  });
});
