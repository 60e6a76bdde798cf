import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { sessionFromCookie } from "@/lib/authz/session-cookie";
import { isDomainError } from "@/lib/errors";
import { LIVE_HEADERS } from "@/lib/live/live-headers";
import { authorizeLiveRequest, parseLiveRequest } from "@/lib/live/live-request";
import { sendLiveStream } from "@/lib/live/node-live-stream";
import { log } from "@/lib/log";
import { recordRequest } from "@/lib/metrics/http-metrics";
import { portalSecurityHeaders } from "./portal-policy";
import { REQUEST_ID_HEADER } from "./request-identity";
import { refuseQuery } from "./request-input";
import { domainErrorAnswer } from "./route-handler";
import { newNonce } from "./security-headers";

export const LIVE_PATH = "/api/live";

// What Next says on every answer of an app route; kept, so a cache in front sees the same answer.
const NEXT_VARY = { vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch" };

function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * /api/live answered as the proxy and the route handler answer it together (the query check, the
 * session, the security headers, then the route's own checks), on Node's own request and response.
 */
async function answerLive(request: IncomingMessage, response: ServerResponse, query: string): Promise<void> {
  const started = performance.now();
  const headers: OutgoingHttpHeaders = {
    ...portalSecurityHeaders(newNonce()),
    [REQUEST_ID_HEADER]: crypto.randomUUID(),
  };
  let status = 500;
  const answered = () => recordRequest(LIVE_PATH, "GET", status, (performance.now() - started) / 1000);
  try {
    const params = new URLSearchParams(query);
    const refusal = refuseQuery(params);
    if (refusal) {
      status = refusal.status;
      return sendJson(response, status, { error: refusal.error }, headers);
    }
    const session = await sessionFromCookie(request.headers.cookie);
    if (session.setCookie) headers["set-cookie"] = session.setCookie;
    if (!session.user) {
      // The proxy's answer: it turns the signed-out away before the route is asked.
      status = 401;
      return sendJson(response, status, { error: "Sign in first." }, headers);
    }
    const asked = parseLiveRequest(params);
    authorizeLiveRequest(session.user, asked);
    status = 200;
    response.writeHead(status, { ...headers, ...NEXT_VARY, ...LIVE_HEADERS });
    // The tab learns the stream is open now, not when the snapshot is read.
    response.flushHeaders();
    answered();
    await sendLiveStream(response, { user: session.user, ...asked });
  } catch (error) {
    // The stream ended itself; the tab reconnects to a fresh snapshot.
    if (response.headersSent) return log.error({ err: error }, "a live stream failed");
    if (isDomainError(error)) {
      const refused = domainErrorAnswer(error);
      status = refused.status;
      return sendJson(response, status, refused.body, { ...headers, ...NEXT_VARY, ...refused.headers });
    }
    log.error({ err: error, route: LIVE_PATH }, "request failed");
    sendJson(response, status, { error: "The live stream could not be opened." }, headers);
  } finally {
    if (status !== 200) answered();
  }
}

/** Takes GET /api/live (any query) and answers it; says false for anything else, which stays Next's. */
export function takeLiveRequest(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET") return false;
  const url = request.url ?? "";
  const queryAt = url.indexOf("?");
  if ((queryAt < 0 ? url : url.slice(0, queryAt)) !== LIVE_PATH) return false;
  void answerLive(request, response, queryAt < 0 ? "" : url.slice(queryAt + 1));
  return true;
}
