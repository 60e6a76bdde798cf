import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";

/** How long a sign-in lasts without use, and how often using it pushes its end back (Auth.js's options). */
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;
export const SESSION_UPDATE_AGE_SECONDS = 15 * 60;

/** Auth.js's database adapter over the portal's tables: the one place sessions are read and written. */
export function authAdapter() {
  return DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
}
