import { GET } from "@/app/api/live/route";
import { actAs } from "./session";

export interface LiveMessage {
  event: string;
  data: unknown;
}

export interface LiveReader {
  status: number;
  /** Everything the stream carried so far, as text: for checking what it never carried. */
  text(): string;
  messages: LiveMessage[];
  /** Resolves with the first message (seen or to come) that satisfies `match`. */
  next(match: (message: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens /api/live as this person's tab would, through the route handler, and reads its events. */
export async function openLiveEvents(
  user: { token: string } | null,
  query = "scope=own",
): Promise<LiveReader> {
  const abort = new AbortController();
  actAs(user);
  const response = await GET(new Request(`http://localhost/api/live?${query}`, { signal: abort.signal }));
  const messages: LiveMessage[] = [];
  const waiters: { match: (message: LiveMessage) => boolean; resolve: (message: LiveMessage) => void }[] = [];
  let raw = "";
  let buffer = "";
  const take = (block: string) => {
    const lines = block.split("\n");
    const event = lines.find((line) => line.startsWith("event: "))?.slice(7);
    const data = lines.find((line) => line.startsWith("data: "))?.slice(6);
    if (!event || data === undefined) return;
    const message = { event, data: JSON.parse(data) as unknown };
    messages.push(message);
    for (const waiter of [...waiters])
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
  };
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        buffer += text;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    text: () => raw,
    messages,
    next(match, timeoutMs = 10_000) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no such live message in time")), timeoutMs);
        waiters.push({
          match,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
        });
      });
    },
    ended,
    close: () => abort.abort(),
  };
}

/** A `vm` message about this VM that satisfies `match`. */
export const vmMessage =
  (id: string, match: (view: Record<string, unknown>) => boolean = () => true) =>
  (message: LiveMessage) =>
    message.event === "vm" && (message.data as { id: string }).id === id && match(message.data as never);
