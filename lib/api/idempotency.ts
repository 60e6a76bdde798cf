import "server-only";
import { createHash } from "node:crypto";
import {
  claimIdempotencyKey,
  releaseIdempotencyKey,
  storeIdempotentAnswer,
} from "@/db/queries/idempotency-keys";
import { getConfig } from "@/lib/config";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { secretKeyFor } from "@/lib/crypto/secret-key";
import { conflict, invalid } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { log } from "@/lib/log";
import { problemOf } from "./problem";

/** How long an answer is kept for replay; a key older than this starts afresh. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

const keyPattern = /^[\x21-\x7e]{1,255}$/;

export interface StoredAnswer {
  status: number;
  body: unknown;
  contentType: string;
  /** The handler's own headers (a 202's Location), replayed with the rest. */
  headers?: Record<string, string>;
}

/** The key as sent, checked: 1–255 visible ASCII characters. */
export function idempotencyKeyFrom(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!keyPattern.test(key)) throw invalid(message("errors.api.idempotencyKeyFormat"));
  return key;
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, stable(v)]),
    );
  return value;
}

/** What makes two requests "the same": method, path and body, whatever the order of the body's keys. */
export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(stable(body ?? null))}`)
    .digest("hex");
}

// Answers can hold a secret shown once (a new VM's password), so they are kept sealed.
const context = (tokenId: string, key: string) => `idempotency:${tokenId}:${key}`;

/**
 * Runs `answer` once per token and key: a retry with the same request gets the stored answer back; the
 * same key for a different request is a 422; one still being answered is a 409.
 */
export async function answerOnce(
  { tokenId, key, requestHash }: { tokenId: string; key: string; requestHash: string },
  answer: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const claim = await claimIdempotencyKey({
    tokenId,
    key,
    requestHash,
    expiredBefore: new Date(Date.now() - IDEMPOTENCY_WINDOW_MS),
  });
  if (!claim.claimed) {
    const { record } = claim;
    if (record.requestHash !== requestHash)
      return {
        status: 422,
        contentType: "application/problem+json",
        body: problemOf(
          "idempotency-key-reused",
          "This Idempotency-Key was used for a different request; use a new key for a new request.",
        ),
        replayed: false,
      };
    if (record.status === null) throw conflict(message("errors.api.idempotencyKeyBusy"));
    const sealed = (record.body as { sealed: string }).sealed;
    const stored = JSON.parse(openSecret(secretKeyFor(getConfig()), sealed, context(tokenId, key)));
    return { ...(stored as StoredAnswer), replayed: true };
  }
  let answered: StoredAnswer;
  try {
    answered = await answer();
  } catch (error) {
    await releaseIdempotencyKey({ tokenId, key });
    throw error;
  }
  // A refusal that may pass later (rate limit, an outage) is not kept: the retry should try again.
  if (answered.status === 429 || answered.status >= 500) {
    await releaseIdempotencyKey({ tokenId, key });
    return { ...answered, replayed: false };
  }
  try {
    const sealed = sealSecret(secretKeyFor(getConfig()), JSON.stringify(answered), context(tokenId, key));
    await storeIdempotentAnswer({ tokenId, key, status: answered.status, body: { sealed } });
  } catch (error) {
    log.warn({ err: error }, "could not keep an API answer for replay; a retry will run again");
    await releaseIdempotencyKey({ tokenId, key });
  }
  return { ...answered, replayed: false };
}
