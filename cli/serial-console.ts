import WebSocket from "ws";
import { CliError } from "./cli-error";

/** Ctrl-], as telnet and virsh console use it to leave. */
const ESCAPE = 0x1d;

/** termproxy's framing, as pve-xtermjs speaks it: input, resize and keep-alive messages. */
const frame = {
  input: (data: Buffer) => Buffer.concat([Buffer.from(`0:${data.length}:`), data]),
  resize: (cols: number, rows: number) => `1:${cols}:${rows}:`,
  ping: "2",
};

export interface SerialConsoleTarget {
  /** The relay's websocket address with the single-use ticket in its query. */
  url: string;
  /** The portal's origin: the relay opens consoles only for its pages. */
  origin: string;
}

export interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * The serial console in this terminal: raw keystrokes to the VM, its output to stdout, Ctrl-] to leave.
 * Resolves when the session ends; a close the user did not ask for rejects with the relay's reason.
 */
export async function runSerialConsole(
  target: SerialConsoleTarget,
  terminal: Terminal = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const { stdin, stdout } = terminal;
  const socket = new WebSocket(target.url, ["binary"], {
    headers: { origin: target.origin },
    perMessageDeflate: false,
  });
  let leaving = false;
  let greeted = false;
  const raw = stdin.isTTY === true;
  const size = () => (stdout.isTTY ? frame.resize(stdout.columns, stdout.rows) : null);
  const send = (data: string | Buffer) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(data);
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );

  // Listening before the socket opens: the greeting can arrive in the same packet as the upgrade's answer.
  socket.on("message", (data: Buffer) => {
    let bytes = data;
    if (!greeted) {
      // termproxy answers the relay's login with "OK" before the terminal's own output.
      if (!bytes.subarray(0, 2).equals(Buffer.from("OK"))) return;
      greeted = true;
      bytes = bytes.subarray(2);
      const resize = size();
      if (resize) send(resize);
    }
    if (bytes.length) stdout.write(bytes);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => {
      if (stdout.isTTY) terminal.stderr.write("Connected; press Ctrl-] to leave.\r\n");
      resolve();
    });
    socket.once("unexpected-response", (_request, response) => {
      socket.terminate();
      reject(new CliError(`The console relay refused the connection (HTTP ${response.statusCode}).`));
    });
    socket.once("error", (error) => reject(new CliError(`Cannot reach the console relay: ${error.message}`)));
  });
  // From here a failure shows as the close that follows it.
  socket.on("error", () => {});

  const onInput = (chunk: Buffer) => {
    const leaveAt = chunk.indexOf(ESCAPE);
    const typed = leaveAt === -1 ? chunk : chunk.subarray(0, leaveAt);
    if (typed.length) send(frame.input(typed));
    if (leaveAt !== -1) {
      leaving = true;
      socket.close(1000, "closed by the user");
    }
  };
  const onResize = () => {
    const resize = size();
    if (resize) send(resize);
  };
  if (raw) stdin.setRawMode(true);
  stdin.on("data", onInput);
  stdin.resume();
  stdout.on("resize", onResize);
  const ping = setInterval(() => send(frame.ping), 30_000);

  const { code, reason } = await closed;
  clearInterval(ping);
  stdin.off("data", onInput);
  stdout.off("resize", onResize);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  if (leaving || code === 1000) return;
  throw new CliError(reason || `The console closed (code ${code}).`);
}
