import { timingSafeEqual } from "node:crypto";

export interface SimToken {
  tokenId: string;
  secret: string;
}

/** `USER@REALM!TOKENID=SECRET`, split at the last `=` as pve-access-control does. */
export function parseToken(value: string): SimToken | null {
  const match = /^(.*)=(.*)$/.exec(value);
  if (!match || !/^[^\s@!]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]+$/.test(match[1]!)) return null;
  return { tokenId: match[1]!, secret: match[2]! };
}

/** The token id the request authenticates as, or null. Accepts `PVEAPIToken=` and `PVEAPIToken ` as pveproxy does. */
export function authenticate(header: string | undefined, token: SimToken): string | null {
  const match = /(?:^|\s)PVEAPIToken(?:=| )([^;]*)/.exec(header ?? "");
  if (!match) return null;
  const given = parseToken(decodeURIComponent(match[1]!.trim()));
  if (!given || given.tokenId !== token.tokenId) return null;
  const a = Buffer.from(given.secret);
  const b = Buffer.from(token.secret);
  return a.length === b.length && timingSafeEqual(a, b) ? given.tokenId : null;
}
