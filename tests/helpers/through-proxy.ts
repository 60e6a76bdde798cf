import { NextRequest } from "next/server";

export interface ProxiedRequest {
  response: Response;
  /** The request headers Next would hand to the page, action or route handler; null if the proxy answered
   * (with a refusal, a redirect, or a rewrite to the not-found page). */
  forwarded: Headers | null;
}

/**
 * Sends a request through the real proxy.ts, as Next runs it before every route, and reads back what the
 * proxy forwards (Next carries it in x-middleware-override-headers and x-middleware-request-* headers).
 */
export async function throughProxy(url: string, init: RequestInit = {}): Promise<ProxiedRequest> {
  const { proxy } = await import("@/proxy");
  const response = await proxy(new NextRequest(url, init as never), {} as never);
  const override = response.headers.get("x-middleware-override-headers");
  if (!override || !response.headers.has("x-middleware-next")) return { response, forwarded: null };
  const forwarded = new Headers();
  for (const name of override.split(",")) {
    const value = response.headers.get(`x-middleware-request-${name}`);
    if (value !== null) forwarded.set(name, value);
  }
  return { response, forwarded };
}
