import { createServer, type IncomingMessage, request } from "node:http";
import { connect } from "node:net";

export interface FrontDoorOptions {
  host: string;
  port: number;
  /** Requests whose path starts with a prefix go to that port on 127.0.0.1, websockets included. */
  routes: { prefix: string; port: number }[];
  /** Everything else: the portal. */
  fallbackPort: number;
}

function forwardedFor(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "";
  const earlier = req.headers["x-forwarded-for"];
  return earlier ? `${earlier}, ${peer}` : peer;
}

/** One port for a container: the portal, with its demo identity provider and console relay behind paths. */
export async function startFrontDoor(options: FrontDoorOptions) {
  const portFor = (url = "/") =>
    options.routes.find(
      ({ prefix }) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`),
    )?.port ?? options.fallbackPort;

  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: "127.0.0.1",
        port: portFor(req.url),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor(req) },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
        // A browser that goes away mid-answer (a live stream's tab closed) ends the portal's side too.
        res.on("close", () => {
          if (!answer.complete) answer.destroy();
        });
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The portal is not answering yet.");
    });
    req.pipe(upstream);
  });

  server.on("upgrade", (req, socket, head) => {
    const upstream = connect(portFor(req.url), "127.0.0.1", () => {
      const headers = { ...req.headers, "x-forwarded-for": forwardedFor(req) };
      const lines = Object.entries(headers).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value ?? ""]).map((item) => `${name}: ${item}`),
      );
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
