import { randomBytes } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db/client";
import { accounts, type Role, sessions, users, verificationTokens } from "@/db/schema";
import { sessionUserFrom } from "@/lib/authz/session-user";

let currentToken: string | null = null;

export interface TestUser {
  id: string;
  username: string;
  role: Role;
}

/** Creates a user and a database session for them, as Auth.js does after an OIDC sign-in. */
export async function createUserWithSession(
  username: string,
  role: Role,
): Promise<TestUser & { token: string }> {
  const [user] = await getDb()
    .insert(users)
    .values({ name: username, username, email: `${username}@test.invalid`, role })
    .returning();
  const token = randomBytes(16).toString("hex");
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId: user!.id, expires: new Date(Date.now() + 3_600_000) });
  return { id: user!.id, username, role, token };
}

/** The next calls act as the holder of this session cookie (null: anonymous). */
export function actAs(user: { token: string } | null): void {
  currentToken = user?.token ?? null;
}

/** Stands in for Auth.js's `auth()`: the real adapter lookup and the product's session shaping. */
export async function sessionFromCookie() {
  if (!currentToken) return null;
  const adapter = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const found = await adapter.getSessionAndUser!(currentToken);
  if (!found || found.session.expires < new Date()) return null;
  return { user: sessionUserFrom(found.user as Parameters<typeof sessionUserFrom>[0]), expires: "" };
}

type Handler = (request: Request & { auth?: unknown }, ...rest: unknown[]) => unknown;

/** `auth()` gives the session; `auth(handler)` wraps a proxy handler, setting `request.auth` as Auth.js does. */
export function authLikeAuthJs(handler?: Handler) {
  if (typeof handler !== "function") return sessionFromCookie();
  return async (request: Request & { auth?: unknown }, ...rest: unknown[]) => {
    request.auth = await sessionFromCookie();
    return handler(request, ...rest);
  };
}
