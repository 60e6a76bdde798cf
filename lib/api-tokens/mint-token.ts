import "server-only";
import { type ApiTokenListing, countLiveApiTokens, insertApiToken } from "@/db/queries/api-tokens";
import type { Role } from "@/db/schema";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { getSetting } from "@/lib/settings/settings";
import { type ApiScope, roleAllowsScope } from "./scopes";
import type { TokenInput } from "./token-input";
import { generateTokenSecret } from "./token-secret";

export const MAX_LIVE_TOKENS = 25;
const DAY_MS = 86_400_000;

/**
 * Makes a personal API token. The returned `token` is the only copy: the database keeps its SHA-256, so
 * the caller shows it once and must never log or audit it.
 */
export async function mintApiToken(
  owner: { id: string; role: Role },
  input: TokenInput,
  now = new Date(),
): Promise<{ token: string; record: ApiTokenListing }> {
  const scopes: ApiScope[] = [input.scope, ...(input.adminScope ? [input.adminScope] : [])];
  if (input.adminScope && !roleAllowsScope(owner.role, input.adminScope)) {
    throw forbidden(
      message("errors.apiTokens.scopeNotAllowed", { role: owner.role, scope: input.adminScope }),
    );
  }
  const lifetime = await getSetting("api.tokens");
  const days = input.expiresInDays ?? lifetime.defaultDays;
  if (days > lifetime.maxDays) {
    throw invalid(
      message("errors.apiTokens.lifetimeTooLong", { maxDays: lifetime.maxDays }),
      "expiresInDays",
    );
  }
  if ((await countLiveApiTokens({ userId: owner.id, now })) >= MAX_LIVE_TOKENS) {
    throw conflict(message("errors.apiTokens.tooMany", { max: MAX_LIVE_TOKENS }));
  }
  const { token, prefix, secretHash } = generateTokenSecret();
  const record = await insertApiToken({
    userId: owner.id,
    name: input.name,
    scopes,
    prefix,
    secretHash,
    expiresAt: new Date(now.getTime() + days * DAY_MS),
  });
  return { token, record };
}
