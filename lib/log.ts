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

const holder = globalThis as unknown as {
  roostLogger?: Logger;
  roostLogWatchers?: Set<(line: string) => void>;
};
holder.roostLogWatchers ??= new Set();
const watchers = holder.roostLogWatchers;

function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
  const options = {
    level,
    base: { app: "roost" },
    redact: { paths: secretPaths, censor: "[redacted]" },
    hooks: {
      streamWrite(line: string) {
        for (const watch of watchers) watch(line);
        return line;
      },
    },
  };
  if (process.env.NODE_ENV === "production" || process.env.LOG_FORMAT === "json") return pino(options);
  // A synchronous pretty stream: pino's transports run in worker threads that Next's bundles cannot load.
  return pino(options, pretty({ colorize: true, sync: true, ignore: "pid,hostname,app" }));
}

holder.roostLogger ??= createLogger();

export const log: Logger = holder.roostLogger;

/** Tests see every line as it is written, after redaction, at the level given; the returned function stops. */
export function watchLogLines(listener: (line: string) => void, level: pino.Level = "trace"): () => void {
  const previous = log.level;
  log.level = level;
  watchers.add(listener);
  return () => {
    watchers.delete(listener);
    log.level = previous;
  };
}
