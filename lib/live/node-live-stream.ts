import "server-only";
import type { ServerResponse } from "node:http";
import { type LiveOutput, LiveStream, type LiveStreamOptions } from "./live-stream";

/** A stream written straight to Node's response: no web streams, nothing of Next's held per tab. */
class NodeLiveOutput implements LiveOutput {
  constructor(private readonly response: ServerResponse) {}

  write(text: string): number {
    this.response.write(text);
    // What the response and its socket hold unsent.
    return this.response.writableLength;
  }

  end(): void {
    if (!this.response.writableEnded && !this.response.destroyed) this.response.end();
  }
}

/**
 * Sends one tab's live stream as the body of `response`, whose head the caller has written; the stream
 * ends when the connection closes. Rejects when the snapshot cannot be read (the response is ended).
 */
export async function sendLiveStream(response: ServerResponse, options: LiveStreamOptions): Promise<void> {
  const stream = new LiveStream(options);
  if (response.destroyed) return;
  response.once("close", () => stream.end());
  await stream.start(new NodeLiveOutput(response));
}
