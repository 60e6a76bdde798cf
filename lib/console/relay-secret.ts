import { timingSafeEqual } from "node:crypto";

/** Whether a request carries the secret the portal and its console relays share. */
export function relaySecretMatches(given: string | null, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const RELAY_SECRET_HEADER = "x-roost-relay-secret";
