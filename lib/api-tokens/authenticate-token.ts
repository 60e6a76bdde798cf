import "server-only";
import { findApiTokenByHash, recordApiTokenUse } from "@/db/queries/api-tokens";
import type { CurrentUser } from "@/lib/authz/current-user";
import { unauthenticated } from "@/lib/errors";
import { formatMinute } from "@/lib/format";
import { message } from "@/lib/i18n/message";
import { type ApiScope, apiScopes, roleAllowsScope } from "./scopes";
import { hashToken, tokenPattern } from "./token-secret";

/** Who calls the API, as every route handler learns it. */
export interface ApiCaller {
  tokenId: string;
  user: CurrentUser;
  /** The token's scopes that its owner's role still allows. */
  scopes: ApiScope[];
}

// Writing the last use on every call would turn each read into a write.
const USE_RECORD_INTERVAL_MS = 60_000;
const bearer = /^Bearer +(\S+) *$/i;

/**
 * The caller behind an `Authorization: Bearer roost_…` header. Everything is checked again on each call
 * (revocation, expiry, the owner being disabled, the owner's role), so a change takes effect at once.
 * `from` is the client's address, kept as the token's last use.
 */
export async function authenticateToken(
  authorization: string | null,
  from: string | null,
): Promise<ApiCaller> {
  if (!authorization?.trim()) {
    throw unauthenticated(message("errors.apiTokens.tokenMissing"));
  }
  const match = bearer.exec(authorization.trim());
  if (!match) throw unauthenticated(message("errors.apiTokens.headerFormat"));
  const presented = match[1]!;
  if (!tokenPattern.test(presented)) {
    throw unauthenticated(message("errors.apiTokens.notAToken"));
  }
  const found = await findApiTokenByHash({ secretHash: hashToken(presented) });
  if (!found) throw unauthenticated(message("errors.apiTokens.unknownToken"));
  const { token, user } = found;
  const now = new Date();
  if (token.revokedAt)
    throw unauthenticated(message("errors.apiTokens.revoked", { at: formatMinute(token.revokedAt) }));
  if (token.expiresAt && token.expiresAt <= now) {
    throw unauthenticated(message("errors.apiTokens.expired", { at: formatMinute(token.expiresAt) }));
  }
  if (user.disabled) throw unauthenticated(message("errors.apiTokens.ownerDisabled"));
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= USE_RECORD_INTERVAL_MS) {
    await recordApiTokenUse({
      id: token.id,
      at: now,
      from: from?.slice(0, 100) ?? null,
      minIntervalMs: USE_RECORD_INTERVAL_MS,
    });
  }
  const scopes = token.scopes.filter(
    (scope): scope is ApiScope =>
      (apiScopes as readonly string[]).includes(scope) && roleAllowsScope(user.role, scope as ApiScope),
  );
  return {
    tokenId: token.id,
    user: { id: user.id, name: user.name, email: user.email, username: user.username, role: user.role },
    scopes,
  };
}
