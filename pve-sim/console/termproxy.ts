import type WebSocket from "ws";
import type { SerialLine } from "./serial-line";

/**
 * The termproxy side of an xterm.js session, as pve-xtermjs speaks it: the first message is
 * `user:ticket\n`, answered `OK`; then `0:<bytes>:<data>` is input, `1:<cols>:<rows>:` a resize and `2`
 * a ping. Output is the terminal's raw bytes.
 */
export function serveTermproxy(
  ws: WebSocket,
  grant: { user: string; ticket: string },
  open: () => SerialLine | string,
): void {
  let line: SerialLine | null = null;
  let pending = Buffer.alloc(0);

  const consume = () => {
    for (;;) {
      if (pending.length === 0) return;
      const kind = pending[0];
      if (kind === 0x32) {
        pending = pending.subarray(1);
        continue;
      }
      const text = pending.toString("latin1");
      if (kind === 0x31) {
        const resize = /^1:(\d+):(\d+):/.exec(text);
        if (!resize) return;
        pending = pending.subarray(resize[0].length);
        continue;
      }
      if (kind === 0x30) {
        const header = /^0:(\d+):/.exec(text);
        if (!header) return;
        const length = Number(header[1]);
        const start = header[0].length;
        if (pending.length < start + length) return;
        line?.write(pending.subarray(start, start + length));
        pending = pending.subarray(start + length);
        continue;
      }
      ws.close(1002, "unknown termproxy message");
      return;
    }
  };

  ws.once("message", (first: Buffer) => {
    const newline = first.indexOf(0x0a);
    const credentials = first.subarray(0, newline === -1 ? first.length : newline).toString();
    const separator = credentials.indexOf(":");
    const user = credentials.slice(0, separator);
    const ticket = credentials.slice(separator + 1);
    if (separator === -1 || user !== grant.user || ticket !== grant.ticket) {
      ws.close(1008, "authentication failed");
      return;
    }
    ws.send(Buffer.from("OK"));
    const opened = open();
    if (typeof opened === "string") {
      ws.send(Buffer.from(`${opened}\r\n`));
      ws.close(1000, opened);
      return;
    }
    line = opened;
    line.onData((data) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    });
    line.onClose(() => ws.close(1000, "terminal closed"));
    ws.on("message", (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      consume();
    });
    if (newline !== -1 && newline + 1 < first.length) {
      pending = Buffer.from(first.subarray(newline + 1));
      consume();
    }
  });
  ws.on("close", () => line?.close());
}
