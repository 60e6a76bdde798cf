import "server-only";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { authAdapter, SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./auth-adapter";
import type { CurrentUser } from "./current-user";
import { sessionUserFrom } from "./session-user";

export interface CookieSession {
  /** The signed-in, enabled person, or null. */
  user: CurrentUser | null;
  /** What Auth.js would answer with: the cookie's expiry pushed back, or a dead cookie cleared. */
  setCookie: string | null;
}

/** Auth.js names its cookies `__Secure-…` when the portal's address (AUTH_URL, else the public URL) is https. */
function secureCookies(): boolean {
  return new URL(process.env.AUTH_URL ?? getConfig().publicUrl).protocol === "https:";
}

function cookieValue(header: string, name: string): string | null {
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** The cookie as Auth.js writes it (its attributes in the order its serializer gives them). */
function sessionCookie(name: string, value: string, lifetime: { expires: Date } | { maxAge: 0 }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`];
  if ("maxAge" in lifetime) parts.push("Max-Age=0");
  parts.push("Path=/");
  if ("expires" in lifetime) parts.push(`Expires=${lifetime.expires.toUTCString()}`);
  parts.push("HttpOnly");
  if (secureCookies()) parts.push("Secure");
  parts.push("SameSite=Lax");
  return parts.join("; ");
}

/**
 * Who a request's session cookie signs in, checked as Auth.js's `auth()` checks a database session (for
 * a server that answers without Next): the adapter's lookup, an expired session deleted, the session's
 * end pushed back once it is due, and the user shaped by the session callback. A disabled user is nobody.
 */
export async function sessionFromCookie(cookieHeader: string | undefined): Promise<CookieSession> {
  const name = `${secureCookies() ? "__Secure-" : ""}authjs.session-token`;
  const token = cookieHeader ? cookieValue(cookieHeader, name) : null;
  if (!token) return { user: null, setCookie: null };
  const cleared = { user: null, setCookie: sessionCookie(name, "", { maxAge: 0 }) };
  const adapter = authAdapter();
  try {
    const found = await adapter.getSessionAndUser!(token);
    if (!found) return cleared;
    if (found.session.expires.valueOf() < Date.now()) {
      await adapter.deleteSession!(token);
      return cleared;
    }
    const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
    const dueAt =
      found.session.expires.valueOf() - SESSION_MAX_AGE_SECONDS * 1000 + SESSION_UPDATE_AGE_SECONDS * 1000;
    if (dueAt <= Date.now()) await adapter.updateSession!({ sessionToken: token, expires });
    const user = sessionUserFrom(found.user);
    const setCookie = sessionCookie(name, token, { expires });
    if (user.disabled) return { user: null, setCookie };
    const { id, name: userName, email, username, role } = user;
    return { user: { id, name: userName, email, username, role }, setCookie };
  } catch (error) {
    // As Auth.js does: a lookup that fails signs nobody in.
    log.error({ err: error }, "session lookup failed");
    return { user: null, setCookie: null };
  }
}
