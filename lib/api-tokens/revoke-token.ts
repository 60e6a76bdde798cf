import "server-only";
import { type ApiTokenListing, getApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { conflict, notFound } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

/** Revokes one of a person's own tokens; the next call made with it is refused. */
export async function revokeOwnApiToken(userId: string, id: string): Promise<ApiTokenListing> {
  const revoked = await revokeApiToken({ userId, id, at: new Date() });
  if (revoked) return revoked;
  const existing = await getApiToken({ userId, id });
  if (!existing) throw notFound(message("errors.apiTokens.noSuchToken"));
  throw conflict(message("errors.apiTokens.revokedAlready"));
}
