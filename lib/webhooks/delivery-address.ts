import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getConfig } from "@/lib/config";
import { classifyAddress } from "./address-ranges";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type AddressCheck =
  | { kind: "allowed"; url: URL; addresses: ResolvedAddress[] }
  /** Never to be sent: the reason says why, in words an admin acts on. */
  | { kind: "refused"; reason: string }
  /** The name did not resolve now; it may later. */
  | { kind: "unresolved"; reason: string };

/** The host as DNS and sockets want it: IPv6 literals lose their brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

async function resolve(host: string): Promise<ResolvedAddress[]> {
  const family = isIP(host);
  if (family) return [{ address: host, family: family as 4 | 6 }];
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family as 4 | 6 }));
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/** Whether the URL is the portal itself: its origin, or its host's addresses on its port. */
async function isPortal(url: URL, addresses: ResolvedAddress[]): Promise<boolean> {
  const portal = new URL(getConfig().publicUrl);
  if (url.origin === portal.origin) return true;
  if (portOf(url) !== portOf(portal)) return false;
  const own = await resolve(bareHost(portal)).catch(() => []);
  return addresses.some(({ address }) => own.some((mine) => mine.address === address));
}

/**
 * Decides whether a webhook may go to this URL, resolving its host now: at registration and again before
 * every attempt, since DNS can change in between. Every address the name resolves to must be allowed,
 * and the attempt then connects to one of exactly these (no second lookup an attacker could answer).
 */
export async function checkDeliveryAddress(
  raw: string,
  { allowPrivate }: { allowPrivate: boolean },
): Promise<AddressCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: "refused", reason: "The URL is not valid." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { kind: "refused", reason: "Only http and https URLs can receive webhooks." };
  if (url.username || url.password)
    return {
      kind: "refused",
      reason: "Put no user name or password in the URL; verify the signature instead.",
    };
  const host = bareHost(url);
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "lookup failed";
    return { kind: "unresolved", reason: `${host} does not resolve (${code}).` };
  }
  if (addresses.length === 0) return { kind: "unresolved", reason: `${host} has no addresses.` };
  for (const { address } of addresses) {
    const range = classifyAddress(address);
    if (!range || (allowPrivate && range.allowedWithPrivate)) continue;
    const shown = address === host ? address : `${host} (${address})`;
    return {
      kind: "refused",
      reason: range.allowedWithPrivate
        ? `${shown} is ${range.label}; only an admin's "allow private addresses" permits it.`
        : `${shown} is ${range.label}; webhooks are never sent there.`,
    };
  }
  if (await isPortal(url, addresses))
    return { kind: "refused", reason: `${url.origin} is this portal itself; webhooks are never sent there.` };
  return { kind: "allowed", url, addresses };
}
