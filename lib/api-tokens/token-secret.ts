import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "roost_";
/** How many of a token's first characters its list shows: "roost_" and six of the secret. */
const SHOWN_LENGTH = 12;

/** `roost_` and 32 random bytes in base64url, which is 43 characters without padding. */
export const tokenPattern = /^roost_[A-Za-z0-9_-]{43}$/;

export function generateTokenSecret(): { token: string; prefix: string; secretHash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, SHOWN_LENGTH), secretHash: hashToken(token) };
}

// The secret has 256 bits of entropy, so a fast hash suffices: nobody can guess their way to a preimage.
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
