import type { ApiTokenListing } from "@/db/queries/api-tokens";

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(
  token: Pick<ApiTokenListing, "expiresAt" | "revokedAt">,
  now: Date = new Date(),
): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}
