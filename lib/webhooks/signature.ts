import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import type { Config } from "@/lib/config";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";

const SECRET_PREFIX = "whsec_";

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** A fresh `webhook-id`, the same for every attempt of one delivery. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/**
 * The `webhook-signature` header: HMAC-SHA256 under the secret's bytes of `id.timestamp.body`, in base64,
 * prefixed with the scheme's version (Standard Webhooks, "Signature scheme").
 */
export function signWebhook({
  secret,
  messageId,
  timestamp,
  body,
}: {
  secret: string;
  messageId: string;
  /** Seconds since the epoch, as the `webhook-timestamp` header carries it. */
  timestamp: number;
  body: string;
}): string {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    "base64",
  );
  const mac = createHmac("sha256", key).update(`${messageId}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

// Bound to its endpoint, so a sealed secret copied into another row does not open.
const secretContext = (endpointId: string) => `webhook:${endpointId}/signing-secret`;

export function sealWebhookSecret(config: Config, endpointId: string, secret: string): string {
  return sealSecret(secretKeyFor(config), secret, secretContext(endpointId));
}

export function openWebhookSecret(config: Config, endpoint: { id: string; secretSealed: string }): string {
  return openSecret(secretKeyFor(config), endpoint.secretSealed, secretContext(endpoint.id));
}
