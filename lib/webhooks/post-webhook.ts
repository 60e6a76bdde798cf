import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./delivery-address";

export const deliveryTimeoutMs = 10_000;
const excerptBytes = 300;

export interface PostAnswer {
  status: number;
  /** The start of the answer's body, for the deliveries view. */
  excerpt: string;
}

/**
 * Connects only to the address the safety check approved, whatever the name resolves to by now: the
 * check and the connection cannot disagree (DNS rebinding). TLS still verifies the certificate for the
 * URL's host name.
 */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
}

/**
 * POSTs the body once and reports the status. Redirects are not followed (node:http never does), so a
 * 3xx comes back as the answer; the whole exchange is cut off after the timeout.
 */
export function postWebhook({
  url,
  address,
  headers,
  body,
  timeoutMs = deliveryTimeoutMs,
}: {
  url: URL;
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
}): Promise<PostAnswer> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup: pinnedLookup(address),
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept < excerptBytes) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            excerpt: Buffer.concat(chunks).subarray(0, excerptBytes).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", (error) =>
      reject(error.name === "AbortError" ? new Error(`No answer within ${timeoutMs / 1000} s.`) : error),
    );
    request.end(body);
  });
}
