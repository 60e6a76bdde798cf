import { timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config";
import { notFound, unavailable } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { RELAY_SECRET_HEADER } from "./relay-protocol";

/** Whether a request carries the secret the portal and its console relays share. */
export function relaySecretMatches(given: string | null, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws unless the request comes from a console relay; anyone else learns nothing of the route. */
export function refuseNonRelay(request: Request): void {
  const secret = getConfig().ROOST_RELAY_SECRET;
  if (!secret) throw unavailable(message("errors.console.relayNotConfigured"));
  if (!relaySecretMatches(request.headers.get(RELAY_SECRET_HEADER), secret)) throw notFound();
}
