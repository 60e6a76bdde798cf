import "server-only";
import { headers } from "next/headers";
import {
  CLIENT_ADDRESS_HEADER,
  REQUEST_ID_HEADER,
  UPSTREAM_REQUEST_ID_HEADER,
} from "@/lib/http/request-identity";

export interface RequestContext {
  /** The portal's own id for this request (made by the proxy), never one a caller chose. */
  requestId: string | null;
  /** An id a reverse proxy sent, if it was a short plain token; recorded beside ours. */
  upstreamRequestId: string | null;
  clientAddress: string | null;
}

/** What the proxy decided about this request (proxy.ts stamps these over anything the caller sent). */
export async function getRequestContext(): Promise<RequestContext> {
  const list = await headers();
  return {
    requestId: list.get(REQUEST_ID_HEADER),
    upstreamRequestId: list.get(UPSTREAM_REQUEST_ID_HEADER),
    clientAddress: list.get(CLIENT_ADDRESS_HEADER),
  };
}
