import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

// Field names whose values must never reach a log line, wherever they sit in a logged object.
const secretPaths = [
  "password",
  "secret",
  "token",
  "tokenSecret",
  "authorization",
  "cookie",
  "cipassword",
  "*.password",
  "*.secret",
  "*.token",
  "*.tokenSecret",
  "*.authorization",
  "*.cookie",
  "*.cipassword",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
  const options = { level, base: { app: "roost" }, redact: { paths: secretPaths, censor: "[redacted]" } };
  if (process.env.NODE_ENV === "production" || process.env.LOG_FORMAT === "json") return pino(options);
  // A synchronous pretty stream: pino's transports run in worker threads that Next's bundles cannot load.
  return pino(options, pretty({ colorize: true, sync: true, ignore: "pid,hostname,app" }));
}

const holder = globalThis as unknown as { roostLogger?: Logger };

holder.roostLogger ??= createLogger();

export const log: Logger = holder.roostLogger;

/** A logger whose lines carry the request id, so one request's lines can be found together. */
export function requestLogger(requestId: string | null | undefined): Logger {
  return requestId ? log.child({ requestId }) : log;
}
