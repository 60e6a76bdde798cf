import WebSocket from "ws";

export interface TermSession {
  /** Everything the terminal has printed so far. */
  output(): string;
  type(text: string): void;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/**
 * An xterm.js session as pve-xtermjs opens one: `user:ticket\n` first (unless `login` is null, when the
 * relay sends it), `OK` back, then `0:<bytes>:<data>` frames for input and raw bytes out.
 */
export async function openTerm(
  url: string,
  login: { user: string; ticket: string } | null,
  options: WebSocket.ClientOptions = {},
): Promise<TermSession> {
  const ws = new WebSocket(url, ["binary"], options);
  let text = "";
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`HTTP ${res.statusCode} ${res.statusMessage}`)),
    );
  });
  ws.on("message", (data: Buffer) => {
    text += data.toString("utf8");
  });
  if (login) ws.send(`${login.user}:${login.ticket}\n`);
  const session: TermSession = {
    output: () => text,
    type: (input) => ws.send(`0:${Buffer.byteLength(input)}:${input}`),
    async waitFor(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline)
          throw new Error(`terminal never showed ${pattern}; it showed ${JSON.stringify(text)}`);
        if (ws.readyState === ws.CLOSED)
          throw new Error(`terminal closed; it showed ${JSON.stringify(text)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return text;
    },
    closed,
    close: () => ws.close(),
  };
  return session;
}
