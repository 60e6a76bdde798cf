import "server-only";
import { headers } from "next/headers";

export interface RequestContext {
  requestId: string | null;
  clientAddress: string | null;
}

/** Picks the client's address: Next appends the socket's peer last; a trusted proxy puts the client first. */
export function clientAddressFrom(forwardedFor: string | null, trustProxy: boolean): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return (trustProxy ? hops[0] : hops.at(-1)) ?? null;
}

export async function getRequestContext(): Promise<RequestContext> {
  const list = await headers();
  return {
    requestId: list.get("x-request-id"),
    clientAddress: clientAddressFrom(list.get("x-forwarded-for"), process.env.ROOST_TRUST_PROXY === "true"),
  };
}
