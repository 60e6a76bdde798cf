import { Agent, type IncomingMessage, request } from "node:http";

export interface Answer {
  status: number;
  ms: number;
  bytes: number;
  body: string;
  location?: string;
}

/** What one browser sends: its session cookie, over kept-alive connections. */
export class Browserish {
  // A browser keeps a handful of connections per origin; many tabs mean many browsers here.
  readonly agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  private readonly rscPaths = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  send(
    method: "GET" | "POST",
    path: string,
    sessionToken: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Answer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        {
          method,
          agent: this.agent,
          headers: { cookie: `authjs.session-token=${sessionToken}`, ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              bytes: text.length,
              body: text.toString("utf8"),
              location: res.headers.location,
            });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** A page as a person opening it gets it: the whole HTML document. */
  page(path: string, sessionToken: string): Promise<Answer> {
    return this.send("GET", path, sessionToken, { accept: "text/html" });
  }

  /**
   * What `router.refresh()` sends: the page's React Server Components payload (`RSC: 1`), which the
   * server renders afresh in full, as AutoRefresh asks every 3 s.
   */
  async refresh(path: string, sessionToken: string): Promise<Answer> {
    const headers = { rsc: "1", accept: "text/x-component" };
    const known = this.rscPaths.get(path);
    if (known) return this.send("GET", known, sessionToken, headers);
    const answer = await this.send("GET", path, sessionToken, headers);
    // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to the
    // address that has it, and the router sends it from the start; learn it once per path.
    if (answer.status !== 307 || !answer.location) return answer;
    this.rscPaths.set(path, answer.location);
    return this.send("GET", answer.location, sessionToken, headers);
  }

  /** A server action, posted as React's client does: the action's id and its arguments as JSON. */
  action(path: string, sessionToken: string, actionId: string, args: unknown[]): Promise<Answer> {
    return this.send(
      "POST",
      path,
      sessionToken,
      {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: new URL(this.baseUrl).origin,
      },
      JSON.stringify(args),
    );
  }

  /** Opens a long-lived GET (a server-sent-events stream) and hands its response to `onResponse`. */
  openStream(path: string, sessionToken: string, onResponse: (res: IncomingMessage) => void): () => void {
    const req = request(new URL(path, this.baseUrl), {
      method: "GET",
      // Each stream holds its own connection, as each tab does.
      agent: false,
      headers: { cookie: `authjs.session-token=${sessionToken}`, accept: "text/event-stream" },
    });
    req.on("response", onResponse);
    req.on("error", () => {});
    req.end();
    return () => req.destroy();
  }

  close(): void {
    this.agent.destroy();
  }
}
