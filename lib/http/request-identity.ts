import { BlockList, isIP } from "node:net";

/** The portal's own id for a request, made by the proxy for every request; echoed in the response. */
export const REQUEST_ID_HEADER = "x-request-id";
/** An id a reverse proxy or client sent, kept apart from ours and only if it is a short plain token. */
export const UPSTREAM_REQUEST_ID_HEADER = "x-roost-upstream-request-id";
/** The client's address as the proxy decided it. */
export const CLIENT_ADDRESS_HEADER = "x-roost-client-address";
/** The TCP peer of the connection, written by the server itself (peer-address-hook.ts), never by a client. */
export const PEER_ADDRESS_HEADER = "x-roost-peer-address";

const upstreamIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** `::ffff:10.0.0.1` (IPv4 over an IPv6 socket) and `10.0.0.1` are the same client. */
export function normalizeAddress(address: string): string | null {
  const bare = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  const value = mapped ?? bare;
  return isIP(value) ? value.toLowerCase() : null;
}

/** Parses ROOST_TRUSTED_PROXIES entries (addresses or CIDR ranges); says which entry is not one. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split("/");
    const normalized = normalizeAddress(address ?? "");
    const family = normalized && isIP(normalized) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = family === "ipv6" ? 128 : 32;
    if (
      !normalized ||
      rest.length > 0 ||
      (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
    )
      throw new Error(`"${entry}" is not an IP address or a CIDR range like 10.0.0.0/8`);
    if (bits === null) list.addAddress(normalized, family);
    else list.addSubnet(normalized, bits, family);
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the connection's peer, unless that peer is a proxy the operator trusts; then
 * X-Forwarded-For is read from the right, skipping trusted hops, and the first other hop is the client.
 * Hops left of it were written by whoever connected first, so they are never believed.
 */
export function clientAddressFrom(input: {
  peer: string | null;
  forwardedFor: string | null;
  trusted: BlockList;
}): string | null {
  const peer = input.peer ? normalizeAddress(input.peer) : null;
  if (!peer || !isTrusted(peer, input.trusted)) return peer;
  const hops = (input.forwardedFor ?? "").split(",").reverse();
  let client = peer;
  for (const hop of hops) {
    const address = normalizeAddress(hop);
    // A hop that is not an address means the chain cannot be read further; the last good one stands.
    if (!address) break;
    client = address;
    if (!isTrusted(address, input.trusted)) break;
  }
  return client;
}

/** An incoming X-Request-Id worth recording beside ours: a short token of plain characters, else none. */
export function upstreamRequestId(value: string | null): string | null {
  return value && upstreamIdPattern.test(value) ? value : null;
}

/**
 * The request headers server code sees: the portal's own request id, a validated upstream id, and the
 * client address, each replacing anything the caller sent under those names.
 */
export function stampRequestIdentity(
  incoming: Headers,
  trusted: BlockList,
  makeId: () => string = () => crypto.randomUUID(),
): { headers: Headers; requestId: string } {
  const headers = new Headers(incoming);
  const requestId = makeId();
  const upstream = upstreamRequestId(incoming.get(REQUEST_ID_HEADER));
  const client = clientAddressFrom({
    peer: incoming.get(PEER_ADDRESS_HEADER),
    forwardedFor: incoming.get("x-forwarded-for"),
    trusted,
  });
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.delete(UPSTREAM_REQUEST_ID_HEADER);
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (upstream) headers.set(UPSTREAM_REQUEST_ID_HEADER, upstream);
  if (client) headers.set(CLIENT_ADDRESS_HEADER, client);
  return { headers, requestId };
}
