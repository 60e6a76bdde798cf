import type { Duplex } from "node:stream";
import {
  closePayload,
  encodeFrame,
  FrameError,
  type FrameHeader,
  FrameParser,
  frameHeader,
  Opcode,
} from "./frames";
import { throttle } from "./throttle";

/** How long a close may wait for the frame Proxmox is in the middle of, or for a stalled browser to read. */
const CLOSE_GRACE_MS = 2_000;
const CLOSE_TIMEOUT_MS = 30_000;

export interface PipeStats {
  bytesToBrowser: number;
  bytesToVm: number;
}

export interface Leg {
  socket: Duplex;
  /** What arrived with the handshake's last bytes: already frames. */
  head: Buffer;
}

const collect = (parts: Buffer[]) => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

/**
 * Relays a console between the browser and Proxmox, both legs past their handshakes. Proxmox's frames
 * are unmasked and use no extension, as the browser's leg must be (RFC 6455 §5.1), so they are copied
 * to the browser as they arrive, frame boundaries tracked only to take out control frames and to put the
 * relay's own (ping, close) between frames. The browser's frames are masked with its keys; each goes on
 * to Proxmox under a fresh key of the relay's (§5.3), streamed too. When either side closes, the other
 * is closed with a reason the console page can show; silence for `idleMs` ends the session. The
 * function it returns ends the session from outside (the portal revoked it), with a code and reason.
 */
export function pipeConsole(
  browser: Leg,
  upstream: Leg,
  options: {
    idleMs: number;
    pingMs: number;
    /** A first message for Proxmox (termproxy's `user:ticket` line), sent before the browser's. */
    handshake: Buffer | null;
    onClose: (stats: PipeStats, reason: string) => void;
  },
): (code: number, reason: string) => void {
  const stats: PipeStats = { bytesToBrowser: 0, bytesToVm: 0 };
  const toBrowser = browser.socket;
  const toVm = upstream.socket;
  let lastActivity = Date.now();
  let closed = false;
  let browserClosing: Buffer | null = null;
  let browserDone = false;
  let vmDone = false;
  let vmBroken = false;

  // Frames of the relay's own, each written only between two of the frames it copies on that leg.
  const pendingToBrowser: Buffer[] = [];
  const pendingToVm: Buffer[] = [];

  // Proxmox → browser: byte ranges of data frames, written as they came.
  let control: { opcode: number; parts: Buffer[] } | null = null;
  let range: { chunk: Buffer; start: number; end: number } | null = null;
  const flushRange = () => {
    if (range && !browserDone) toBrowser.write(range.chunk.subarray(range.start, range.end));
    range = null;
  };
  const fromVm = new FrameParser(false, {
    frameStart(opcode) {
      control = opcode & 0x08 ? { opcode, parts: [] } : null;
    },
    bytes(chunk, start, end, inPayload) {
      if (control) {
        if (inPayload) control.parts.push(Buffer.from(chunk.subarray(start, end)));
        return;
      }
      if (inPayload) {
        stats.bytesToBrowser += end - start;
        lastActivity = Date.now();
      }
      if (range?.chunk === chunk && range.end === start) range.end = end;
      else {
        flushRange();
        range = { chunk, start, end };
      }
    },
    headerDone() {},
    frameDone() {
      if (control) {
        const { opcode, parts } = control;
        control = null;
        onVmControl(opcode, collect(parts));
      } else if (pendingToBrowser.length > 0 || browserClosing) {
        flushRange();
        writeToBrowser();
      }
    },
  });

  // Browser → Proxmox: each data frame's header rewritten with a new key, its payload re-masked.
  let browserFrame: { header: FrameHeader; key: Buffer | null; offset: number; parts: Buffer[] } | null =
    null;
  const fromBrowser = new FrameParser(true, {
    frameStart() {},
    headerDone(header) {
      if (header.opcode & 0x08) {
        browserFrame = { header, key: null, offset: 0, parts: [] };
        return;
      }
      const { header: out, mask } = frameHeader(header.opcode, header.length, {
        fin: header.fin,
        masked: true,
      });
      // One pass per byte: the browser's key off, the relay's on.
      const key = Buffer.alloc(4);
      for (let index = 0; index < 4; index++) key[index] = header.mask![index]! ^ mask![index]!;
      browserFrame = { header, key, offset: 0, parts: [] };
      if (!vmDone) toVm.write(out);
    },
    bytes(chunk, start, end, inPayload) {
      if (!inPayload || !browserFrame) return;
      const frame = browserFrame;
      const part = chunk.subarray(start, end);
      const key = frame.key ?? frame.header.mask!;
      for (let index = 0; index < part.length; index++) part[index]! ^= key[(frame.offset + index) & 3]!;
      frame.offset += part.length;
      if (!frame.key) {
        frame.parts.push(Buffer.from(part));
        return;
      }
      stats.bytesToVm += part.length;
      lastActivity = Date.now();
      if (!vmDone) toVm.write(part);
    },
    frameDone() {
      const frame = browserFrame!;
      browserFrame = null;
      if (!frame.key) onBrowserControl(frame.header.opcode, collect(frame.parts));
      else if (pendingToVm.length > 0) writeToVm();
    },
  });

  // Proxmox's control frames are not copied, so the browser's leg is between frames inside one too.
  const browserAtBoundary = () => fromVm.atBoundary || control !== null;
  // The browser's data frames reach Proxmox from their header on; its control frames never do.
  const vmAtBoundary = () => !browserFrame?.key;

  function writeToBrowser() {
    if (browserDone || !browserAtBoundary()) return;
    for (const frame of pendingToBrowser.splice(0)) toBrowser.write(frame);
    if (browserClosing) endBrowser(browserClosing);
  }
  function writeToVm() {
    if (vmDone || !vmAtBoundary()) return;
    for (const frame of pendingToVm.splice(0)) toVm.write(frame);
  }

  function endBrowser(payload: Buffer) {
    browserDone = true;
    toBrowser.end(encodeFrame(Opcode.close, payload, false));
    // A browser that never reads would hold the socket open for ever.
    setTimeout(() => toBrowser.destroy(), CLOSE_TIMEOUT_MS).unref();
    endVm();
  }
  function endVm() {
    if (vmDone) return;
    vmDone = true;
    toVm.destroy();
  }

  function onVmControl(opcode: number, payload: Buffer) {
    if (opcode === Opcode.ping) {
      pendingToVm.push(encodeFrame(Opcode.pong, payload, true));
      writeToVm();
    } else if (opcode === Opcode.close) {
      finish(4000, "The VM's screen closed (the VM stopped or Proxmox ended the session).");
    }
  }
  function onBrowserControl(opcode: number, payload: Buffer) {
    if (opcode === Opcode.ping) {
      pendingToBrowser.push(encodeFrame(Opcode.pong, payload, false));
      writeToBrowser();
    } else if (opcode === Opcode.close) {
      // §5.5.1: the answer echoes the status code it got.
      finish(1000, "closed by the browser", payload.subarray(0, Math.min(2, payload.length)));
    }
  }

  /** Ends the session: the browser gets its close frame between two of Proxmox's frames, then Proxmox is cut. */
  function finish(code: number, reason: string, browserPayload = closePayload(code, reason)) {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    browserClosing = browserPayload;
    if (browserDone || toBrowser.destroyed) endVm();
    else if (browserAtBoundary()) writeToBrowser();
    else if (vmBroken) giveUpOnFrame();
    else {
      // In the middle of one of Proxmox's frames: let it finish, so the browser reads a whole frame.
      toVm.resume();
      setTimeout(giveUpOnFrame, CLOSE_GRACE_MS).unref();
    }
    options.onClose(stats, reason);
  }
  function giveUpOnFrame() {
    if (browserDone) return;
    flushRange();
    const left = fromVm.payloadLeft;
    // Zeros for the rest of a frame Proxmox never finished, so that the close frame is read as one.
    if (!vmBroken && left > 0 && left <= 1 << 20) {
      toBrowser.write(Buffer.alloc(left));
      endBrowser(browserClosing!);
    } else {
      browserDone = true;
      toBrowser.destroy();
      endVm();
    }
  }

  const vmPaused = { value: false };
  const browserPaused = { value: false };
  const fromVmChunk = (chunk: Buffer) => {
    if (browserDone) return;
    // What one chunk makes leaves in one write: a frame's header and payload in one TCP segment.
    toBrowser.cork();
    try {
      fromVm.push(chunk);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      // What came before the bad frame was whole; the bad frame's header may have begun in the last chunk.
      flushRange();
      vmBroken = true;
      if (closed) giveUpOnFrame();
      else finish(4502, `Proxmox's console stream was malformed (${error.message}).`);
      return;
    } finally {
      flushRange();
      toBrowser.uncork();
    }
    throttle(toVm, toBrowser, vmPaused);
  };
  const fromBrowserChunk = (chunk: Buffer) => {
    if (closed) return;
    // A re-masked frame's new header and its payload in one TLS record.
    toVm.cork();
    try {
      fromBrowser.push(chunk);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      finish(1002, `The browser's console stream was malformed (${error.message}).`);
      return;
    } finally {
      toVm.uncork();
    }
    throttle(toBrowser, toVm, browserPaused);
  };

  const timer = setInterval(
    () => {
      if (Date.now() - lastActivity > options.idleMs)
        finish(4008, "The console was idle for too long and was closed.");
      else {
        pendingToBrowser.push(encodeFrame(Opcode.ping, Buffer.alloc(0), false));
        writeToBrowser();
      }
    },
    Math.min(options.pingMs, options.idleMs),
  );

  toVm.on("data", fromVmChunk);
  toVm.on("error", () => {});
  toVm.on("close", () => {
    vmDone = true;
    if (!closed) finish(4000, "The VM's screen closed (the VM stopped or Proxmox ended the session).");
    if (!browserDone) giveUpOnFrame();
  });
  toBrowser.on("data", fromBrowserChunk);
  toBrowser.on("error", () => finish(1011, "browser connection failed"));
  toBrowser.on("end", () => finish(1000, "closed by the browser"));
  toBrowser.on("close", () => {
    browserDone = true;
    finish(1000, "closed by the browser");
    endVm();
  });

  if (options.handshake) toVm.write(encodeFrame(Opcode.binary, options.handshake, true));
  if (upstream.head.length > 0) fromVmChunk(upstream.head);
  if (browser.head.length > 0) fromBrowserChunk(browser.head);
  return (code, reason) => finish(code, reason);
}
